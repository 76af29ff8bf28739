/** A token count written as embeddings usage: the inverse of `openaiEmbeddingsUsage`. */

/** @example writeOpenAIEmbeddingsUsage(5) // → { prompt_tokens: 5, total_tokens: 5 } */
export function writeOpenAIEmbeddingsUsage(inputTokens: number) {
  return { prompt_tokens: inputTokens, total_tokens: inputTokens };
}
