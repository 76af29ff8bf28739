/**
 * A wire dialect: how one vendor API writes a model call (OpenAI chat, OpenAI responses,
 * Anthropic messages, OpenAI embeddings). Pure: it reads and writes JSON, never sends it.
 * Shared code asks the dialect (and its capabilities), never a vendor name.
 */
import type {
  CallInput,
  CallOutput,
  FinishReason,
  ModelCapabilities,
  ModelRequest,
  Usage,
} from "@genchi/spec";

/** The gateway path each dialect is served on. */
export type DialectPath = "/v1/chat/completions" | "/v1/responses" | "/v1/embeddings" | "/v1/messages";

/** One server-sent event: its `event:` name (OpenAI chat sends none) and its `data:` text. */
export interface SseEvent {
  event?: string;
  data: string;
}

/** An SSE event as any reader holds it (the gateway's splitter says `event: null`). */
export interface SseEventLike {
  readonly event?: string | null | undefined;
  readonly data: string;
}

/** What a response (JSON or a folded stream) says, in genchi's Call shapes. */
export interface ResponseFields {
  output: CallOutput;
  usage: Usage | null;
  /** The model that served the call. */
  model: string | null;
  /** The finish reason as the dialect wrote it. */
  finishReason: string | null;
}

/**
 * Folds a stream's events (parsed JSON `data`) one at a time into the same fields a JSON
 * response gives. `add` is true when the event carried output (what time to first token measures).
 */
export interface StreamFold {
  add(event: unknown): boolean;
  /** Events added so far. */
  readonly chunks: number;
  result(): ResponseFields;
}

/** What the dialect can do: data that shared code reads instead of branching on a vendor. */
export interface DialectCapabilities extends ModelCapabilities {
  /** Answers are chat messages (false: embeddings). */
  chat: boolean;
}

export interface Dialect {
  /** `openai-chat`, `openai-responses`, `anthropic-messages`, `openai-embeddings`. */
  readonly name: string;
  /** Where the API lives below the base URL. */
  readonly path: DialectPath;
  readonly capabilities: DialectCapabilities;
  /** The request body for a model request (embeddings: `messages` are the texts). */
  writeRequest(request: ModelRequest): Record<string, unknown>;
  /** A request body's input as genchi logs it. */
  readRequest(body: Record<string, unknown>): CallInput;
  /** A JSON response's output, usage, served model and finish reason. */
  readResponse(json: unknown): ResponseFields;
  /** A fresh fold for one stream. */
  streamFold(): StreamFold;
  /** Folds a whole stream's SSE events. */
  foldStream(events: readonly SseEventLike[]): ResponseFields;
  /** Whether one SSE event carries output (for time to first token). */
  isContent(event: SseEventLike): boolean;
  /** The dialect's usage object as genchi usage; `base` fills counts a partial usage leaves out. */
  readUsage(usage: unknown, base?: Usage | null): Usage | null;
  /** The dialect's finish reason in the one vocabulary. */
  finishReason(raw: string | null): FinishReason;
}
