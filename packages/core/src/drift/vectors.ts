/** Small vector helpers for embeddings: unit length, centroids, distances. */

export type Vector = readonly number[];

/** A copy scaled to unit length (a zero vector stays zero). */
export function unitVector(v: Vector): number[] {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  return norm === 0 ? v.slice() : v.map((x) => x / norm);
}

/** The mean of some rows of `vectors` (all rows when `rows` is omitted). */
export function centroid(vectors: readonly Vector[], rows?: readonly number[]): number[] {
  const dim = vectors[0]?.length ?? 0;
  const sum = new Array<number>(dim).fill(0);
  const indices = rows ?? vectors.map((_, i) => i);
  for (const r of indices) {
    const v = vectors[r] as Vector;
    for (let d = 0; d < dim; d++) sum[d] = (sum[d] as number) + (v[d] as number);
  }
  return indices.length === 0 ? sum : sum.map((x) => x / indices.length);
}

/** Euclidean distance. */
export function euclidean(a: Vector, b: Vector): number {
  let s = 0;
  for (let d = 0; d < a.length; d++) s += ((a[d] as number) - (b[d] as number)) ** 2;
  return Math.sqrt(s);
}
