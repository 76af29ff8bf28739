/** The OpenAI chat completions dialect and its parts. */
export { mapOpenAIChatFinishReason } from "./map-openai-chat-finish-reason.js";
export { openaiChat } from "./openai-chat-dialect.js";
export { isOpenAIChatContent, OpenAIChatStreamFold } from "./openai-chat-stream.js";
export { openaiChatUsage } from "./openai-chat-usage.js";
export * from "./openai-chat-wire.js";
export { readOpenAIChatRequest, readOpenAIChatResponse } from "./read-openai-chat.js";
export { writeOpenAIChatRequest } from "./write-openai-chat.js";
