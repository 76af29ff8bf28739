/**
 * Centroid distance between baseline and current embeddings, against a bootstrap threshold:
 * the 95th percentile of the distances between resampled splits of the union (same sizes),
 * i.e. what the distance looks like when nothing moved. Seeded: deterministic.
 */
import { seededRandom } from "../random/seeded-random.js";
import { centroid, euclidean, type Vector } from "./vectors.js";

export interface CentroidDrift {
  distance: number;
  threshold: number;
  drifted: boolean;
}

/**
 * @example centroidDrift(baselineVectors, currentVectors, { seed: 1 }).drifted
 */
export function centroidDrift(
  baseline: readonly Vector[],
  current: readonly Vector[],
  options: { seed?: number; resamples?: number; quantile?: number } = {},
): CentroidDrift {
  const distance = euclidean(centroid(baseline), centroid(current));
  const union = [...baseline, ...current];
  const n = union.length;
  const dim = union[0]?.length ?? 0;
  const flat = new Float64Array(n * dim);
  union.forEach((v, i) => {
    flat.set(v, i * dim);
  });
  const random = seededRandom(options.seed ?? 1);
  const resamples = options.resamples ?? 100;
  const a = new Float64Array(dim);
  const b = new Float64Array(dim);
  const meanOfDraw = (out: Float64Array, size: number) => {
    out.fill(0);
    for (let s = 0; s < size; s++) {
      const offset = random.int(n) * dim;
      for (let d = 0; d < dim; d++) out[d] = (out[d] as number) + (flat[offset + d] as number);
    }
    for (let d = 0; d < dim; d++) out[d] = (out[d] as number) / Math.max(1, size);
  };
  const distances: number[] = [];
  for (let r = 0; r < resamples; r++) {
    meanOfDraw(a, baseline.length);
    meanOfDraw(b, current.length);
    let sq = 0;
    for (let d = 0; d < dim; d++) sq += ((a[d] as number) - (b[d] as number)) ** 2;
    distances.push(Math.sqrt(sq));
  }
  distances.sort((x, y) => x - y);
  const q = options.quantile ?? 0.95;
  const threshold = distances[Math.min(distances.length - 1, Math.floor(q * distances.length))] ?? 0;
  return { distance, threshold, drifted: distance > threshold };
}
