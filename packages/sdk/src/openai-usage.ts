/** OpenAI usage (`prompt_tokens`, …) as genchi usage (`inputTokens`, …). */
import type { Usage } from "@genchi/spec";
import type { OpenAIUsageLike } from "./openai-shapes.js";

const count = (n: number | null | undefined): number | null => (typeof n === "number" && n >= 0 ? n : null);

/**
 * @example usageFromOpenAI({ prompt_tokens: 9, completion_tokens: 2 }) // → { inputTokens: 9, outputTokens: 2, cachedInputTokens: null }
 */
export function usageFromOpenAI(usage: OpenAIUsageLike | null | undefined): Usage | null {
  if (usage === null || usage === undefined || typeof usage !== "object") return null;
  return {
    inputTokens: count(usage.prompt_tokens),
    outputTokens: count(usage.completion_tokens),
    cachedInputTokens: count(usage.prompt_tokens_details?.cached_tokens),
  };
}
