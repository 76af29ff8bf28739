/** The Anthropic messages dialect (`POST /v1/messages`). */
import type { Dialect } from "../dialect.js";
import { foldEvents } from "../wire-values.js";
import { AnthropicStreamFold, isAnthropicContent } from "./anthropic-messages-stream.js";
import { anthropicMessagesUsage } from "./anthropic-messages-usage.js";
import { mapAnthropicFinishReason } from "./map-anthropic-finish-reason.js";
import { readAnthropicRequest, readAnthropicResponse } from "./read-anthropic-messages.js";
import { writeAnthropicRequest } from "./write-anthropic-messages.js";

export const anthropicMessages: Dialect = {
  name: "anthropic-messages",
  path: "/v1/messages",
  capabilities: {
    chat: true,
    streaming: true,
    tools: true,
    systemMessages: "separate",
    requiresMaxOutputTokens: true,
  },
  writeRequest: writeAnthropicRequest,
  readRequest: readAnthropicRequest,
  readResponse: readAnthropicResponse,
  streamFold: () => new AnthropicStreamFold(),
  foldStream: (events) => foldEvents(new AnthropicStreamFold(), events),
  isContent: (event) => isAnthropicContent(event.event, event.data),
  readUsage: anthropicMessagesUsage,
  finishReason: mapAnthropicFinishReason,
};
