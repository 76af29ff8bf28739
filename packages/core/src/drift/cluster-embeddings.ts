/**
 * Clusters over the union of baseline and current embeddings: k-means (ml-kmeans, k-means++,
 * seeded, best of 3 starts) for each k in a range on a seeded subsample of ≤ 1,000 rows, k
 * chosen by the mean silhouette there; the chosen k then clusters every row.
 */
import { kmeans } from "ml-kmeans";
import { sampleIndices } from "../random/seeded-random.js";
import { euclidean, type Vector } from "./vectors.js";

export interface Clustering {
  k: number;
  silhouette: number;
  /** Cluster id per row. */
  labels: number[];
  centroids: number[][];
}

/**
 * Mean silhouette of a labelling, from a precomputed distance matrix over `rows`.
 */
export function silhouette(distances: readonly Float64Array[], labels: readonly number[]): number {
  const n = labels.length;
  const k = Math.max(...labels) + 1;
  if (k < 2) return 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const sums = new Array<number>(k).fill(0);
    const counts = new Array<number>(k).fill(0);
    const row = distances[i] as Float64Array;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const l = labels[j] as number;
      sums[l] = (sums[l] as number) + (row[j] as number);
      counts[l] = (counts[l] as number) + 1;
    }
    const own = labels[i] as number;
    if ((counts[own] as number) === 0) continue; // a singleton scores 0
    const a = (sums[own] as number) / (counts[own] as number);
    let b = Infinity;
    for (let l = 0; l < k; l++)
      if (l !== own && (counts[l] as number) > 0)
        b = Math.min(b, (sums[l] as number) / (counts[l] as number));
    if (Number.isFinite(b)) total += (b - a) / Math.max(a, b);
  }
  return total / n;
}

/** Sum of squared distances of rows to their centroids. */
function inertia(
  data: readonly number[][],
  labels: readonly number[],
  centroids: readonly number[][],
): number {
  let sum = 0;
  data.forEach((row, i) => {
    sum += euclidean(row, centroids[labels[i] as number] as number[]) ** 2;
  });
  return sum;
}

/** k-means from several seeded k-means++ starts; the run with the least inertia wins (as sklearn's n_init). */
function bestOfRuns(data: number[][], k: number, seed: number, runs: number) {
  let best: { clusters: number[]; centroids: number[][] } | undefined;
  let bestInertia = Infinity;
  for (let run = 0; run < runs; run++) {
    const result = kmeans(data, k, {
      seed: seed + run * 7919,
      initialization: "kmeans++",
      maxIterations: 50,
    });
    const value = inertia(data, result.clusters, result.centroids);
    if (value < bestInertia) {
      bestInertia = value;
      best = result;
    }
  }
  return best as { clusters: number[]; centroids: number[][] };
}

/**
 * Picks k by silhouette and clusters every row.
 *
 * @example clusterEmbeddings(vectors, { seed: 1 }).k
 */
export function clusterEmbeddings(
  vectors: readonly Vector[],
  options: { seed?: number; minK?: number; maxK?: number; silhouetteSample?: number; runs?: number } = {},
): Clustering {
  const seed = options.seed ?? 1;
  const data = vectors.map((v) => v.slice());
  const maxK = Math.min(options.maxK ?? 10, Math.max(1, data.length - 1));
  const minK = Math.min(options.minK ?? 2, maxK);
  if (data.length < 3 || maxK < 2)
    return { k: 1, silhouette: 0, labels: data.map(() => 0), centroids: [data[0] ?? []] };
  // k is chosen on a seeded subsample (k-means and silhouette on it); the chosen k then
  // clusters every row.
  const sample = sampleIndices(data.length, options.silhouetteSample ?? 1_000, seed);
  const sampled = sample.map((i) => data[i] as number[]);
  const distances = sampled.map((a) => {
    const row = new Float64Array(sampled.length);
    sampled.forEach((b, c) => {
      row[c] = euclidean(a, b);
    });
    return row;
  });
  const runs = options.runs ?? 3;
  let bestK = minK;
  let bestScore = -Infinity;
  for (let k = minK; k <= Math.min(maxK, sampled.length - 1); k++) {
    const score = silhouette(distances, bestOfRuns(sampled, k, seed, runs).clusters);
    if (score > bestScore + 1e-9) {
      bestScore = score;
      bestK = k;
    }
  }
  const result = bestOfRuns(data, bestK, seed, runs);
  return { k: bestK, silhouette: bestScore, labels: result.clusters, centroids: result.centroids };
}
