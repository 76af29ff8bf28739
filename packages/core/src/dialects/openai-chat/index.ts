/** The OpenAI chat completions dialect and its parts. */
export { mapOpenAIChatFinishReason } from "./map-openai-chat-finish-reason.js";
export { openaiChat } from "./openai-chat-dialect.js";
export { isOpenAIChatContent, OpenAIChatStreamFold } from "./openai-chat-stream.js";
export { openaiChatUsage } from "./openai-chat-usage.js";
/** The wire schemas load zod's schema builders (~20 ms): types here, the schemas from the file itself. */
export type * from "./openai-chat-wire.js";
export { readOpenAIChatRequest, readOpenAIChatResponse } from "./read-openai-chat.js";
export { writeOpenAIChatRequest } from "./write-openai-chat.js";
export { writeOpenAIChatUsage } from "./write-openai-chat-usage.js";
