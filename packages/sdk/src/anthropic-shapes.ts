/**
 * The parts of the `@anthropic-ai/sdk` client that `wrapAnthropic` touches, typed
 * structurally so the SDK never imports `@anthropic-ai/sdk` at run time. The wire shapes are
 * the Anthropic messages dialect's (`@genchi/core/dialects`).
 */

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
