/** Anthropic usage as genchi usage: cache reads and writes counted in the prompt. */
import type { Usage } from "@genchi/spec";
import { isRecord, tokenCount } from "../wire-values.js";

/**
 * Anthropic's `input_tokens` leaves out cached tokens; genchi's `inputTokens` is the whole
 * prompt (uncached + cache reads + cache writes), of which `cachedInputTokens` were read from
 * the cache. Output-only usage (a `message_delta`) keeps the input counts of `base`.
 *
 * @example anthropicMessagesUsage({ input_tokens: 20, cache_read_input_tokens: 80, output_tokens: 5 })
 * // → { inputTokens: 100, outputTokens: 5, cachedInputTokens: 80 }
 */
export function anthropicMessagesUsage(u: unknown, base: Usage | null = null): Usage | null {
  if (!isRecord(u)) return base;
  const cached = tokenCount(u["cache_read_input_tokens"]) ?? 0;
  const created = tokenCount(u["cache_creation_input_tokens"]) ?? 0;
  const input = tokenCount(u["input_tokens"]);
  return {
    inputTokens: input !== null ? input + cached + created : (base?.inputTokens ?? null),
    outputTokens: tokenCount(u["output_tokens"]) ?? base?.outputTokens ?? null,
    cachedInputTokens: input !== null ? cached : (base?.cachedInputTokens ?? null),
  };
}
