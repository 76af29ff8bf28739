/**
 * The parts of the `@anthropic-ai/sdk` client that `wrapAnthropic` touches, typed
 * structurally so the SDK never imports `@anthropic-ai/sdk` at run time.
 */

export interface AnthropicUsageLike {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
}

/** A content block of a reply: `text`, `tool_use`, `thinking`, … */
export interface AnthropicBlockLike {
  type?: string;
  text?: string;
  id?: string;
  name?: string;
  input?: unknown;
  [key: string]: unknown;
}

export interface AnthropicMessageLike {
  model?: string;
  content?: AnthropicBlockLike[];
  stop_reason?: string | null;
  usage?: AnthropicUsageLike | null;
}

/** One event of a `stream: true` reply. */
export interface AnthropicStreamEventLike {
  type?: string;
  index?: number;
  message?: AnthropicMessageLike;
  content_block?: AnthropicBlockLike;
  delta?: { type?: string; text?: string; partial_json?: string; stop_reason?: string | null };
  usage?: AnthropicUsageLike | null;
}

export interface AnthropicCreateParamsLike {
  model?: string;
  system?: unknown;
  messages?: unknown;
  stream?: boolean | null;
}

/** Anything with `messages.create`: the official client, or a compatible one. */
export interface AnthropicClientLike {
  messages: { create: (...args: never[]) => unknown };
}
