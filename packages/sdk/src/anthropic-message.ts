/**
 * Anthropic messages in genchi's shapes: the request's `system` + `messages` as chat messages,
 * a reply's content blocks as one assistant message (tool use as `tool_calls`, like the
 * gateway logs them), and usage with cache reads counted in the prompt.
 */
import type { CallIn, ChatMessage, Usage } from "@genchi/spec";
import type {
  AnthropicBlockLike,
  AnthropicCreateParamsLike,
  AnthropicMessageLike,
  AnthropicUsageLike,
} from "./anthropic-shapes.js";
import type { ResponseFields } from "./pending-call.js";

const count = (n: number | null | undefined): number | null => (typeof n === "number" && n >= 0 ? n : null);

/**
 * The request as chat messages: the system prompt first, as a `system` message (its text
 * blocks kept as they were sent). The message list is copied, so later pushes do not show.
 *
 * @example inputFromAnthropic({ system: "Be brief.", messages: [{ role: "user", content: "hi" }] })
 * // → [{ role: "system", content: "Be brief." }, { role: "user", content: "hi" }]
 */
export function inputFromAnthropic(params: AnthropicCreateParamsLike): CallIn["input"] {
  const messages = Array.isArray(params.messages) ? [...params.messages] : [];
  const system = params.system;
  if (typeof system === "string" || Array.isArray(system))
    messages.unshift({ role: "system", content: system });
  return messages as CallIn["input"];
}

/**
 * genchi usage from Anthropic usage. Anthropic's `input_tokens` leaves out cached tokens;
 * genchi's `inputTokens` is the whole prompt (uncached + cache reads + cache writes), of which
 * `cachedInputTokens` were read from the cache. Output-only usage (a `message_delta`) keeps
 * the input counts of `base`.
 *
 * @example usageFromAnthropic({ input_tokens: 20, cache_read_input_tokens: 80, output_tokens: 5 })
 * // → { inputTokens: 100, outputTokens: 5, cachedInputTokens: 80 }
 */
export function usageFromAnthropic(
  usage: AnthropicUsageLike | null | undefined,
  base: Usage | null = null,
): Usage | null {
  if (usage === null || usage === undefined || typeof usage !== "object") return base;
  const input = count(usage.input_tokens);
  const cached = count(usage.cache_read_input_tokens) ?? 0;
  const created = count(usage.cache_creation_input_tokens) ?? 0;
  return {
    inputTokens: input !== null ? input + cached + created : (base?.inputTokens ?? null),
    outputTokens: count(usage.output_tokens) ?? base?.outputTokens ?? null,
    cachedInputTokens: input !== null ? cached : (base?.cachedInputTokens ?? null),
  };
}

/** A `tool_use` block's arguments as JSON text: streamed `partial_json`, else its `input`. */
function toolArguments(block: AnthropicBlockLike): string {
  if (typeof block["partial_json"] === "string") return block["partial_json"];
  return JSON.stringify(block.input ?? {});
}

/**
 * A reply's content blocks as one assistant message: the text joined, tool use as
 * OpenAI-style `tool_calls` (`content` is `null` when there is only tool use).
 *
 * @example outputFromAnthropic([{ type: "text", text: "Paris." }]) // → { role: "assistant", content: "Paris." }
 */
export function outputFromAnthropic(blocks: readonly AnthropicBlockLike[]): ChatMessage {
  let text = "";
  const toolCalls: NonNullable<ChatMessage["tool_calls"]> = [];
  for (const block of blocks) {
    if (typeof block !== "object" || block === null) continue;
    if (block.type === "text" && typeof block.text === "string") text += block.text;
    if (block.type === "tool_use") {
      toolCalls.push({
        ...(typeof block.id === "string" ? { id: block.id } : {}),
        type: "function",
        function: { name: typeof block.name === "string" ? block.name : "", arguments: toolArguments(block) },
      });
    }
  }
  const message: ChatMessage = {
    role: "assistant",
    content: text.length > 0 || toolCalls.length === 0 ? text : null,
  };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return message;
}

/** What a non-streaming reply says, for the log. */
export function responseFromAnthropic(message: AnthropicMessageLike): ResponseFields {
  return {
    model: typeof message?.model === "string" ? message.model : null,
    output: outputFromAnthropic(Array.isArray(message?.content) ? message.content : []),
    usage: usageFromAnthropic(message?.usage),
    finishReason: typeof message?.stop_reason === "string" ? message.stop_reason : null,
  };
}
