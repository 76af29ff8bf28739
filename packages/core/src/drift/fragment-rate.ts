/**
 * Sentence fragments: the share of a text's sentences that are fragments — fewer than three
 * words, or not closed by ".", "!" or "?" (quotes and brackets allowed after it).
 */

const sentenceBreak = /(?<=[.!?]["')\]]*)\s+|\n+/;
const closed = /[.!?]["')\]]*$/;

/**
 * @example fragmentRate("Reset password") // → 1
 * @example fragmentRate("How do I reset my password?") // → 0
 */
export function fragmentRate(text: string): number {
  const sentences = text
    .split(sentenceBreak)
    .map((s) => s.trim())
    .filter((s) => /\p{L}/u.test(s));
  if (sentences.length === 0) return 0;
  let fragments = 0;
  for (const sentence of sentences) {
    const wordCount = sentence.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
    if (wordCount < 3 || !closed.test(sentence)) fragments++;
  }
  return fragments / sentences.length;
}
