/** Embeddings usage as genchi usage: the texts are the input; nothing is output. */
import type { Usage } from "@genchi/spec";
import { isRecord, tokenCount } from "../wire-values.js";

/** @example openaiEmbeddingsUsage({ prompt_tokens: 8, total_tokens: 8 }) // → { inputTokens: 8, outputTokens: 0, cachedInputTokens: null } */
export function openaiEmbeddingsUsage(u: unknown): Usage | null {
  if (!isRecord(u)) return null;
  const details = isRecord(u["prompt_tokens_details"]) ? u["prompt_tokens_details"] : {};
  return {
    inputTokens: tokenCount(u["prompt_tokens"]),
    outputTokens: 0,
    cachedInputTokens: tokenCount(details["cached_tokens"]),
  };
}
