/** What a model answered, read from any wire dialect. */
import type { ChatMessage } from "../message.js";
import type { FinishReason } from "./finish-reason.js";
import type { ModelUsage } from "./model-usage.js";

export interface ModelResponse {
  /** The assistant message (tool calls as OpenAI-style `tool_calls`). */
  message: ChatMessage;
  /** The message's text, tool calls left out. */
  text: string;
  usage: ModelUsage | null;
  /** The model that served the call, as the provider reported it. */
  model: string | null;
  finishReason: FinishReason;
  /** The finish reason as the dialect wrote it (`end_turn`, `tool_calls`, …). */
  rawFinishReason: string | null;
}
