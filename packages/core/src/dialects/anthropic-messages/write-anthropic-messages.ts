/** Writes a model request as an Anthropic messages body: system messages become `system`. */
import type { ModelRequest } from "@genchi/spec";
import { contentText } from "../wire-values.js";

/** What a request may produce when it does not say (Anthropic requires `max_tokens`). */
export const defaultMaxOutputTokens = 1024;

/**
 * `extra` is not sent: Anthropic rejects fields it does not know, and `extra` holds OpenAI-style ones.
 *
 * @example writeAnthropicRequest({ model: "claude-x", messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "hi" }] })
 * // → { model: "claude-x", max_tokens: 1024, messages: [{ role: "user", content: "hi" }], system: "Be brief." }
 */
export function writeAnthropicRequest(request: ModelRequest): Record<string, unknown> {
  const system = request.messages
    .filter((m) => m.role === "system")
    .map((m) => contentText(m.content))
    .join("\n");
  return {
    model: request.model,
    max_tokens: request.maxOutputTokens ?? defaultMaxOutputTokens,
    messages: request.messages.filter((m) => m.role !== "system"),
    ...(system ? { system } : {}),
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
  };
}
