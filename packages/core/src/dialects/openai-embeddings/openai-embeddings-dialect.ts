/** The OpenAI embeddings dialect (`POST /v1/embeddings`): no streaming, no chat output. */
import type { Dialect } from "../dialect.js";
import { openaiEmbeddingsUsage } from "./openai-embeddings-usage.js";
import { readOpenAIEmbeddingsRequest, readOpenAIEmbeddingsResponse } from "./read-openai-embeddings.js";
import { writeOpenAIEmbeddingsModelRequest } from "./write-openai-embeddings.js";

const nothing = () => ({ output: null, usage: null, model: null, finishReason: null });

export const openaiEmbeddings: Dialect = {
  name: "openai-embeddings",
  path: "/v1/embeddings",
  capabilities: {
    chat: false,
    streaming: false,
    tools: false,
    systemMessages: "inline",
    requiresMaxOutputTokens: false,
  },
  writeRequest: writeOpenAIEmbeddingsModelRequest,
  readRequest: readOpenAIEmbeddingsRequest,
  readResponse: readOpenAIEmbeddingsResponse,
  streamFold() {
    let chunks = 0;
    return {
      add: () => {
        chunks++;
        return false;
      },
      get chunks() {
        return chunks;
      },
      result: nothing,
    };
  },
  foldStream: nothing,
  isContent: () => false,
  readUsage: (usage) => openaiEmbeddingsUsage(usage),
  finishReason: () => "other",
};
