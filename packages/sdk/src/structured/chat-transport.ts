/**
 * How `generateObject` reaches a model: an OpenAI-compatible client (`chat.completions.create`)
 * or a base URL and key it posts `/chat/completions` to with `fetch`. Nothing provider-specific.
 */
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
  const url = `${options.baseURL.replace(/\/+$/, "")}/chat/completions`;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  return async (body) => {
    const response = await fetchImpl(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
        ...options.headers,
      },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new GenchiError(
        "GENCHI_UPSTREAM",
        `chat request failed with ${response.status}: ${text.slice(0, 500)}`,
      );
    }
    return JSON.parse(text) as ChatCompletionLike;
  };
}
