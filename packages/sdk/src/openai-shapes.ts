/**
 * The parts of the `openai` client (v4–v6) that the wrapper touches, typed structurally so
 * the SDK never imports `openai` at runtime. The wire shapes are the chat dialect's
 * (`@genchi/core/dialects`).
 */
import type { OpenAIChatCompletion } from "@genchi/core/dialects";

/** A chat completion as the client returns it (every field may be missing from a compatible one). */
export type ChatCompletionLike = Partial<OpenAIChatCompletion>;

export interface ChatCreateParamsLike {
  model?: string;
  messages?: unknown;
  stream?: boolean | null;
}

/** Anything with `chat.completions.create`: the official client, or a compatible one. */
export interface OpenAIClientLike {
  chat: { completions: { create: (...args: never[]) => unknown } };
}
