/** Writes a model request as an OpenAI chat completions body. */
import type { ModelRequest } from "@genchi/spec";

/**
 * `extra` fields are sent as they are and win over `maxOutputTokens`/`temperature`.
 *
 * @example writeOpenAIChatRequest({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] })
 * // → { model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] }
 */
export function writeOpenAIChatRequest(request: ModelRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model: request.model,
    messages: request.messages,
    ...request.extra,
  };
  if (request.maxOutputTokens !== undefined && !("max_tokens" in body))
    body["max_tokens"] = request.maxOutputTokens;
  if (request.temperature !== undefined && !("temperature" in body))
    body["temperature"] = request.temperature;
  return body;
}
