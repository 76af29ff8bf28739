/** Writes a model request as a Responses body: system messages become `instructions`. */
import type { ModelRequest } from "@genchi/spec";
import { contentText } from "../wire-values.js";

/**
 * `extra` fields are sent as they are and win over the fields written from the request.
 *
 * @example writeOpenAIResponsesRequest({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] })
 * // → { model: "gpt-4o-mini", input: [{ role: "user", content: "hi" }] }
 */
export function writeOpenAIResponsesRequest(request: ModelRequest): Record<string, unknown> {
  const instructions = request.messages
    .filter((m) => m.role === "system")
    .map((m) => contentText(m.content))
    .join("\n");
  return {
    model: request.model,
    input: request.messages.filter((m) => m.role !== "system"),
    ...(instructions ? { instructions } : {}),
    ...(request.maxOutputTokens !== undefined ? { max_output_tokens: request.maxOutputTokens } : {}),
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...request.extra,
  };
}
