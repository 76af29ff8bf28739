/**
 * What a test scripts the upstream to answer. Replies wait in a queue and are consumed in
 * order, one per request; a request that finds none gets a deterministic default (an echo).
 */

/** Options every scripted reply accepts. */
export interface ReplyOptions {
  /** Only a request to this path (e.g. `"/v1/messages"`) takes this reply; others pass it by. */
  path?: string;
  /** Wait this long before sending the response head (time to first byte). */
  delayMs?: number;
  /** Extra response headers. */
  headers?: Record<string, string>;
}

/** Options of replies that carry content (text, tool calls, JSON). */
export interface ContentReplyOptions extends ReplyOptions {
  /** The model the upstream says served the call; default: the dated snapshot of the requested one. */
  model?: string;
  /** Token counts to report instead of the deterministic estimate. */
  usage?: { inputTokens?: number; outputTokens?: number; cachedInputTokens?: number };
  /** Wait this long between stream events. */
  chunkDelayMs?: number;
  /** Close the socket after this many stream events: a mid-stream cut. */
  cutAfterChunks?: number;
  /** `"length"` reports a reply cut by the token limit. Default `"stop"` (or tool calls). */
  finishReason?: "stop" | "length";
}

export interface TextReply extends ContentReplyOptions {
  type: "text";
  text: string;
}

export interface ScriptedToolCall {
  name: string;
  /** A JSON string, or an object that is serialised. */
  arguments: string | Record<string, unknown>;
  id?: string;
}

export interface ToolCallsReply extends ContentReplyOptions {
  type: "tool_calls";
  toolCalls: ScriptedToolCall[];
  /** Text sent along with the tool calls, if any. */
  text?: string;
}

export interface JsonReply extends ContentReplyOptions {
  type: "json";
  /** Serialised as the reply's text. */
  value: unknown;
}

/** An HTTP error in the provider's real shape (OpenAI or Anthropic, by path). */
export interface ErrorReply extends ReplyOptions {
  type: "error";
  status: number;
  message?: string;
  /** OpenAI `error.type` / Anthropic `error.type`; default from the recorded error of that status. */
  errorType?: string;
  /** OpenAI `error.code`. */
  code?: string | null;
  /** OpenAI `error.param`. */
  param?: string | null;
  /** Seconds for the `retry-after` header; sent by default on 429 (value 1). */
  retryAfter?: number;
}

/** No response at all: the socket is closed once the request is read (a connection reset). */
export interface DisconnectReply extends ReplyOptions {
  type: "disconnect";
}

export type ContentReply = TextReply | ToolCallsReply | JsonReply;
export type ScriptedReply = ContentReply | ErrorReply | DisconnectReply;
