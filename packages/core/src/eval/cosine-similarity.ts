/** Cosine similarity of two vectors (for `similar`). */

/**
 * The cosine of the angle between two vectors; 0 when either is zero or lengths differ.
 *
 * @example cosineSimilarity([1, 0], [1, 0]) // → 1
 */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
