/** The OpenAI embeddings dialect's fixtures, read by hand. */
import type { DialectCase } from "../../dialect-case.js";
import { openaiEmbeddings } from "../openai-embeddings-dialect.js";
import { openaiEmbeddingsRequestSchema, openaiEmbeddingsResponseSchema } from "../openai-embeddings-wire.js";

export const openaiEmbeddingsCase: DialectCase = {
  dialect: openaiEmbeddings,
  fixtures: new URL("./", import.meta.url),
  responses: [
    {
      file: "openai-embeddings.json",
      schema: openaiEmbeddingsResponseSchema,
      // prompt_tokens 5; an embedding outputs nothing
      fields: {
        output: null,
        usage: { inputTokens: 5, outputTokens: 0, cachedInputTokens: null },
        model: "text-embedding-3-small",
        finishReason: null,
      },
      finish: "other",
    },
  ],
  streams: [],
  requests: [
    {
      body: { model: "text-embedding-3-small", input: ["a", "b"] },
      schema: openaiEmbeddingsRequestSchema,
      input: "a\nb",
    },
    { body: { model: "text-embedding-3-small", input: [1, 2] }, input: "[1,2]" },
  ],
  writes: [
    {
      request: { model: "text-embedding-3-small", messages: [{ role: "user", content: "hello" }] },
      body: { model: "text-embedding-3-small", input: ["hello"] },
    },
  ],
};
