/** OpenAI Responses usage (`input_tokens`, …) as genchi usage. */
import type { Usage } from "@genchi/spec";
import { isRecord, tokenCount } from "../wire-values.js";

/**
 * @example openaiResponsesUsage({ input_tokens: 9, output_tokens: 2, input_tokens_details: { cached_tokens: 0 } })
 * // → { inputTokens: 9, outputTokens: 2, cachedInputTokens: 0 }
 */
export function openaiResponsesUsage(u: unknown): Usage | null {
  if (!isRecord(u)) return null;
  const details = isRecord(u["input_tokens_details"]) ? u["input_tokens_details"] : {};
  return {
    inputTokens: tokenCount(u["input_tokens"]),
    outputTokens: tokenCount(u["output_tokens"]),
    cachedInputTokens: tokenCount(details["cached_tokens"]),
  };
}
