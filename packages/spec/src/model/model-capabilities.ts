/** What a model's wire dialect can do, as data: shared code reads these, never a vendor name. */

export interface ModelCapabilities {
  /** Answers can be streamed as server-sent events. */
  streaming: boolean;
  /** Tool (function) calls are part of the dialect. */
  tools: boolean;
  /** `inline`: system messages stay in the message list; `separate`: a top-level field. */
  systemMessages: "inline" | "separate";
  /** A request must say how many tokens it may produce (Anthropic's `max_tokens`). */
  requiresMaxOutputTokens: boolean;
}
