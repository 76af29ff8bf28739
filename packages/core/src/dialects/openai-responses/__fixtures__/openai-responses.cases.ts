/** The OpenAI Responses dialect's fixtures, read by hand. */
import type { DialectCase } from "../../dialect-case.js";
import { openaiResponses } from "../openai-responses-dialect.js";
import {
  openaiResponseSchema,
  openaiResponsesEventSchema,
  openaiResponsesRequestSchema,
} from "../openai-responses-wire.js";

const model = "gpt-4o-mini-2024-07-18";

export const openaiResponsesCase: DialectCase = {
  dialect: openaiResponses,
  fixtures: new URL("./", import.meta.url),
  responses: [
    {
      file: "openai-response.json",
      schema: openaiResponseSchema,
      fields: {
        output: { role: "assistant", content: "Hello! How can I help you today?" },
        usage: { inputTokens: 9, outputTokens: 10, cachedInputTokens: 0 },
        model,
        finishReason: "completed",
      },
      finish: "stop",
    },
    {
      file: "openai-response-function-call.json",
      schema: openaiResponseSchema,
      fields: {
        output: {
          role: "assistant",
          content: null,
          tool_calls: [
            {
              id: "call_Hj3L0mX5pWq8Zr2Vt7Ny9Bc4",
              type: "function",
              function: { name: "get_weather", arguments: '{"city":"Paris"}' },
            },
          ],
        },
        usage: { inputTokens: 58, outputTokens: 17, cachedInputTokens: 0 },
        model,
        finishReason: "completed",
      },
      finish: "stop",
    },
  ],
  streams: [
    {
      file: "openai-response-stream.txt",
      schema: openaiResponsesEventSchema,
      // everything comes from the final response.completed event: output_tokens 3
      fields: {
        output: { role: "assistant", content: "Hello!" },
        usage: { inputTokens: 9, outputTokens: 3, cachedInputTokens: 0 },
        model,
        finishReason: "completed",
      },
      contentEvents: 2,
    },
  ],
  requests: [
    { body: { model: "gpt-4o-mini", input: "hi" }, schema: openaiResponsesRequestSchema, input: "hi" },
    {
      body: { model: "gpt-4o-mini", instructions: "Be brief.", input: "hi" },
      schema: openaiResponsesRequestSchema,
      input: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "hi" },
      ],
    },
  ],
  writes: [
    {
      request: {
        model: "gpt-4o-mini",
        messages: [
          { role: "system", content: "Be brief." },
          { role: "user", content: "hi" },
        ],
        maxOutputTokens: 16,
      },
      body: {
        model: "gpt-4o-mini",
        input: [{ role: "user", content: "hi" }],
        instructions: "Be brief.",
        max_output_tokens: 16,
      },
    },
  ],
};
