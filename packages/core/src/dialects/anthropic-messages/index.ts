/** The Anthropic messages dialect and its parts. */
export { anthropicMessages } from "./anthropic-messages-dialect.js";
export { AnthropicStreamFold, isAnthropicContent } from "./anthropic-messages-stream.js";
export { anthropicMessagesUsage } from "./anthropic-messages-usage.js";
/** The wire schemas load zod's schema builders (~20 ms): types here, the schemas from the file itself. */
export type * from "./anthropic-messages-wire.js";
export { mapAnthropicFinishReason } from "./map-anthropic-finish-reason.js";
export { anthropicOutput, readAnthropicRequest, readAnthropicResponse } from "./read-anthropic-messages.js";
export { defaultMaxOutputTokens, writeAnthropicRequest } from "./write-anthropic-messages.js";
