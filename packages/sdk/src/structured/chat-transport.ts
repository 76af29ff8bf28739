/**
 * How `generateObject` reaches a model: an OpenAI-compatible client (`chat.completions.create`)
 * or a base URL and key it posts `/chat/completions` to with `fetch`. Nothing provider-specific.
 * A failed `fetch` request throws a `ChatTransportError` carrying the status and headers
 * (null status: the connection failed), so that transient failures can be told apart.
 */
import { openaiChat } from "@genchi/core/dialects";
import { GenchiError } from "@genchi/spec";
import type { ChatCompletionLike, OpenAIClientLike } from "../openai-shapes.js";

/** Sends one chat request body and resolves with the completion. */
export type ChatTransport = (body: Record<string, unknown>) => Promise<ChatCompletionLike>;

export interface ChatTransportOptions {
  /** An OpenAI-compatible client (pass it unwrapped: `generateObject` logs every attempt itself). */
  client?: OpenAIClientLike | undefined;
  /** Base URL including `/v1`, e.g. `https://api.openai.com/v1` or genchi's gateway. */
  baseURL?: string | undefined;
  apiKey?: string | undefined;
  /** Extra request headers with `baseURL` (e.g. `x-genchi-key`). */
  headers?: Record<string, string> | undefined;
  fetch?: typeof globalThis.fetch | undefined;
}

/** A chat request sent with `fetch` that failed: an HTTP error status, or no answer at all. */
export class ChatTransportError extends GenchiError {
  constructor(
    message: string,
    /** The HTTP status; null when the connection failed before an answer. */
    readonly status: number | null,
    readonly headers: Headers | undefined,
    options?: { cause?: unknown },
  ) {
    super("GENCHI_UPSTREAM", message, status === null ? undefined : { status });
    this.name = "ChatTransportError";
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

function causeText(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const detail =
    typeof cause?.code === "string" ? cause.code : typeof cause?.message === "string" ? cause.message : "";
  const text = error instanceof Error ? error.message : String(error);
  return detail ? `${text} (${detail})` : text;
}

/**
 * @example chatTransport({ baseURL: "http://127.0.0.1:4242/v1", apiKey: "sk-…" })
 */
export function chatTransport(options: ChatTransportOptions): ChatTransport {
  const { client } = options;
  if (client) {
    const create = client.chat.completions.create as unknown as (
      body: unknown,
    ) => Promise<ChatCompletionLike>;
    return (body) => create.call(client.chat.completions, body);
  }
  if (!options.baseURL) {
    throw new GenchiError("GENCHI_BAD_CONFIG", "generateObject needs { client } or { baseURL, apiKey }");
  }
  const url = `${options.baseURL.replace(/\/+$/, "")}${openaiChat.path.replace(/^\/v1/, "")}`;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  return async (body) => {
    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
          ...options.headers,
        },
        body: JSON.stringify(body),
      });
      text = await response.text();
    } catch (error) {
      throw new ChatTransportError(
        `chat request to ${url} got no answer: ${causeText(error)}`,
        null,
        undefined,
        {
          cause: error,
        },
      );
    }
    if (!response.ok) {
      throw new ChatTransportError(
        `chat request failed with ${response.status}: ${text.slice(0, 500)}`,
        response.status,
        response.headers,
      );
    }
    return JSON.parse(text) as ChatCompletionLike;
  };
}
