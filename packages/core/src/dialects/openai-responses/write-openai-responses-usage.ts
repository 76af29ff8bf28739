/** genchi usage written as Responses usage: the inverse of `openaiResponsesUsage`. */
import type { CountedUsage } from "../counted-usage.js";

/**
 * @example writeOpenAIResponsesUsage({ inputTokens: 9, outputTokens: 3, cachedInputTokens: 0 }).total_tokens // → 12
 */
export function writeOpenAIResponsesUsage(u: CountedUsage) {
  return {
    input_tokens: u.inputTokens,
    input_tokens_details: { cached_tokens: u.cachedInputTokens },
    output_tokens: u.outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: u.inputTokens + u.outputTokens,
  };
}
