/** The OpenAI chat completions dialect (`POST /v1/chat/completions`). */
import type { Dialect } from "../dialect.js";
import { foldEvents } from "../wire-values.js";
import { mapOpenAIChatFinishReason } from "./map-openai-chat-finish-reason.js";
import { isOpenAIChatContent, OpenAIChatStreamFold } from "./openai-chat-stream.js";
import { openaiChatUsage } from "./openai-chat-usage.js";
import { readOpenAIChatRequest, readOpenAIChatResponse } from "./read-openai-chat.js";
import { writeOpenAIChatRequest } from "./write-openai-chat.js";

export const openaiChat: Dialect = {
  name: "openai-chat",
  path: "/v1/chat/completions",
  capabilities: {
    chat: true,
    streaming: true,
    tools: true,
    systemMessages: "inline",
    requiresMaxOutputTokens: false,
  },
  writeRequest: writeOpenAIChatRequest,
  readRequest: readOpenAIChatRequest,
  readResponse: readOpenAIChatResponse,
  streamFold: () => new OpenAIChatStreamFold(),
  foldStream: (events) => foldEvents(new OpenAIChatStreamFold(), events),
  isContent: (event) => isOpenAIChatContent(event.data),
  readUsage: (usage) => openaiChatUsage(usage),
  finishReason: mapOpenAIChatFinishReason,
};
