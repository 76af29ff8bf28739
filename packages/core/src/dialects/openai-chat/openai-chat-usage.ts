/** OpenAI usage (`prompt_tokens`, …) as genchi usage (`inputTokens`, …). */
import type { Usage } from "@genchi/spec";
import { isRecord, tokenCount } from "../wire-values.js";

/**
 * Usage with only `prompt_tokens` (an embeddings-like answer) has 0 output tokens.
 *
 * @example openaiChatUsage({ prompt_tokens: 9, completion_tokens: 2 }) // → { inputTokens: 9, outputTokens: 2, cachedInputTokens: null }
 */
export function openaiChatUsage(u: unknown): Usage | null {
  if (!isRecord(u)) return null;
  const details = isRecord(u["prompt_tokens_details"]) ? u["prompt_tokens_details"] : {};
  return {
    inputTokens: tokenCount(u["prompt_tokens"]),
    outputTokens: tokenCount(u["completion_tokens"]) ?? (u["prompt_tokens"] !== undefined ? 0 : null),
    cachedInputTokens: tokenCount(details["cached_tokens"]),
  };
}
