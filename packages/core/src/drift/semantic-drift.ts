/**
 * Semantic drift over embeddings of sampled texts: domain-classifier ROC AUC (above 0.55, or
 * above a permutation threshold on small samples) together with the centroid distance above
 * its bootstrap threshold, clusters over the union with their
 * drift ratio, share, examples and distinctive words, and a 2-D map. Pure and seeded.
 */
import type { DriftCluster, DriftSide, SemanticDrift } from "@genchi/spec";
import { centroidDrift } from "./centroid-drift.js";
import { clusterEmbeddings } from "./cluster-embeddings.js";
import { distinctiveTerms } from "./distinctive-terms.js";
import { domainClassifierAuc } from "./domain-classifier.js";
import { principalComponents } from "./principal-components.js";
import { euclidean, unitVector, type Vector } from "./vectors.js";

export const semanticDefaults = {
  aucThreshold: 0.55,
  /** A cluster is a topic the tests do not cover above this ratio… */
  uncoveredRatio: 0.5,
  /** …holding at least this share of the current sample. */
  uncoveredShare: 0.02,
  samplePerSide: 2_000,
  /** The classifier and the clustering work on this many principal components. */
  components: 32,
} as const;

export interface EmbeddedTexts {
  texts: readonly string[];
  vectors: readonly Vector[];
}

export interface SemanticDriftInput {
  side: DriftSide;
  embedder: string;
  baseline: EmbeddedTexts;
  current: EmbeddedTexts;
  seed?: number;
  maxK?: number;
  examples?: number;
}

/**
 * Drift ratio of a cluster from share-normalised counts:
 * (n_current − n_baseline) / (n_current + n_baseline) when both samples have the same size.
 *
 * @example driftRatio(30, 0, 100, 100) // → 1
 */
export function driftRatio(
  currentCount: number,
  baselineCount: number,
  currentTotal: number,
  baselineTotal: number,
): number {
  const c = currentTotal === 0 ? 0 : currentCount / currentTotal;
  const b = baselineTotal === 0 ? 0 : baselineCount / baselineTotal;
  return c + b === 0 ? 0 : (c - b) / (c + b);
}

/**
 * @example semanticDrift({ side: "input", embedder: "x", baseline, current, seed: 1 }).semantic.drifted
 */
export function semanticDrift(input: SemanticDriftInput): {
  semantic: SemanticDrift;
  clusters: DriftCluster[];
} {
  const seed = input.seed ?? 1;
  const nb = input.baseline.vectors.length;
  const nc = input.current.vectors.length;
  const vectors = [...input.baseline.vectors, ...input.current.vectors].map(unitVector);
  const texts = [...input.baseline.texts, ...input.current.texts];
  const baselineVectors = vectors.slice(0, nb);
  const currentVectors = vectors.slice(nb);
  const centroid = centroidDrift(baselineVectors, currentVectors, { seed });
  const reduced = principalComponents(vectors, semanticDefaults.components, seed);
  const classifier = domainClassifierAuc(reduced.slice(0, nb), reduced.slice(nb), { seed });
  const clustering = clusterEmbeddings(reduced, {
    seed,
    ...(input.maxK !== undefined ? { maxK: input.maxK } : {}),
  });
  const terms = distinctiveTerms(texts, clustering.labels);
  const exampleCount = input.examples ?? 5;
  const clusters: DriftCluster[] = clustering.centroids.map((center, id) => {
    const members = clustering.labels.flatMap((l, i) => (l === id ? [i] : []));
    const currentMembers = members.filter((i) => i >= nb);
    const baselineCount = members.length - currentMembers.length;
    const ratio = driftRatio(currentMembers.length, baselineCount, nc, nb);
    const share = nc === 0 ? 0 : currentMembers.length / nc;
    // Examples: the current texts nearest the centre (baseline ones when the cluster has no current text).
    const pool = currentMembers.length > 0 ? currentMembers : members;
    const seen = new Set<string>();
    const examples = pool
      .map((i) => [i, euclidean(reduced[i] as Vector, center)] as const)
      .sort((a, b) => a[1] - b[1])
      .map(([i]) => texts[i] as string)
      .filter((t) => !seen.has(t) && seen.add(t))
      .slice(0, exampleCount)
      .map((t) => (t.length > 300 ? `${t.slice(0, 300)}…` : t));
    return {
      id,
      driftRatio: ratio,
      share,
      baselineCount,
      currentCount: currentMembers.length,
      examples,
      terms: terms[id] ?? [],
      uncovered: ratio > semanticDefaults.uncoveredRatio && share >= semanticDefaults.uncoveredShare,
    };
  });
  const points = reduced.map((row, i) => ({
    x: row[0] ?? 0,
    y: row[1] ?? 0,
    cluster: clustering.labels[i] as number,
    side: i < nb ? ("baseline" as const) : ("current" as const),
  }));
  return {
    semantic: {
      side: input.side,
      embedder: input.embedder,
      baselineSample: nb,
      currentSample: nc,
      domainClassifierAuc: classifier.auc,
      aucThreshold: classifier.threshold,
      centroidDistance: centroid.distance,
      centroidThreshold: centroid.threshold,
      centroidDrifted: centroid.drifted,
      clusterCount: clustering.k,
      silhouette: clustering.silhouette,
      // Both signals must agree: on small samples either alone swings past its threshold too often.
      drifted: classifier.auc > classifier.threshold && centroid.drifted,
      points,
    },
    clusters,
  };
}
