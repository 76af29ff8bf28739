/** genchi usage written as OpenAI chat usage: the inverse of `openaiChatUsage`. */
import type { CountedUsage } from "../counted-usage.js";

/**
 * @example writeOpenAIChatUsage({ inputTokens: 9, outputTokens: 2, cachedInputTokens: 0 })
 * // → { prompt_tokens: 9, completion_tokens: 2, total_tokens: 11, prompt_tokens_details: { cached_tokens: 0 } }
 */
export function writeOpenAIChatUsage(u: CountedUsage) {
  return {
    prompt_tokens: u.inputTokens,
    completion_tokens: u.outputTokens,
    total_tokens: u.inputTokens + u.outputTokens,
    prompt_tokens_details: { cached_tokens: u.cachedInputTokens },
  };
}
