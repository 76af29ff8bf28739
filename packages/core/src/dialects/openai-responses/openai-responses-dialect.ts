/** The OpenAI Responses dialect (`POST /v1/responses`). */
import type { Dialect } from "../dialect.js";
import { foldEvents } from "../wire-values.js";
import { mapOpenAIResponsesFinishReason } from "./map-openai-responses-finish-reason.js";
import { isOpenAIResponsesContent, OpenAIResponsesStreamFold } from "./openai-responses-stream.js";
import { openaiResponsesUsage } from "./openai-responses-usage.js";
import { readOpenAIResponsesRequest, readOpenAIResponsesResponse } from "./read-openai-responses.js";
import { writeOpenAIResponsesRequest } from "./write-openai-responses.js";

export const openaiResponses: Dialect = {
  name: "openai-responses",
  path: "/v1/responses",
  capabilities: {
    chat: true,
    streaming: true,
    tools: true,
    systemMessages: "separate",
    requiresMaxOutputTokens: false,
  },
  writeRequest: writeOpenAIResponsesRequest,
  readRequest: readOpenAIResponsesRequest,
  readResponse: readOpenAIResponsesResponse,
  streamFold: () => new OpenAIResponsesStreamFold(),
  foldStream: (events) => foldEvents(new OpenAIResponsesStreamFold(), events),
  isContent: (event) => isOpenAIResponsesContent(event.event, event.data),
  readUsage: (usage) => openaiResponsesUsage(usage),
  finishReason: mapOpenAIResponsesFinishReason,
};
