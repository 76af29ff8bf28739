/**
 * Semantic drift by domain classifier: a logistic regression learns to tell current from
 * baseline embeddings; its cross-validated ROC AUC is the drift score (Evidently's default
 * `model` method for embeddings: drift above 0.55). Plain batch gradient descent with L2,
 * seeded folds: deterministic.
 */
import { type SeededRandom, seededRandom, shuffled } from "../random/seeded-random.js";
import type { Vector } from "./vectors.js";

export interface LogisticOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
}

/** Trains weights (bias last) on rows of `x` with labels 0/1. */
export function trainLogistic(
  x: readonly Float64Array[],
  y: readonly number[],
  options: LogisticOptions = {},
): Float64Array {
  const dim = x[0]?.length ?? 0;
  const epochs = options.epochs ?? 100;
  const rate = options.learningRate ?? 0.5;
  const l2 = options.l2 ?? 1e-3;
  const w = new Float64Array(dim + 1);
  const grad = new Float64Array(dim + 1);
  // Adam keeps the step size sensible whatever the scale of the embedding.
  const m = new Float64Array(dim + 1);
  const v = new Float64Array(dim + 1);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    grad.fill(0);
    for (let i = 0; i < x.length; i++) {
      const row = x[i] as Float64Array;
      let z = w[dim] as number;
      for (let d = 0; d < dim; d++) z += (w[d] as number) * (row[d] as number);
      const err = 1 / (1 + Math.exp(-z)) - (y[i] as number);
      for (let d = 0; d < dim; d++) grad[d] = (grad[d] as number) + err * (row[d] as number);
      grad[dim] = (grad[dim] as number) + err;
    }
    for (let d = 0; d <= dim; d++) {
      const g = (grad[d] as number) / x.length + (d < dim ? l2 * (w[d] as number) : 0);
      m[d] = 0.9 * (m[d] as number) + 0.1 * g;
      v[d] = 0.999 * (v[d] as number) + 0.001 * g * g;
      const mHat = (m[d] as number) / (1 - 0.9 ** epoch);
      const vHat = (v[d] as number) / (1 - 0.999 ** epoch);
      w[d] = (w[d] as number) - (rate * 0.01 * mHat) / (Math.sqrt(vHat) + 1e-8);
    }
  }
  return w;
}

function score(w: Float64Array, row: Float64Array): number {
  const dim = row.length;
  let z = w[dim] as number;
  for (let d = 0; d < dim; d++) z += (w[d] as number) * (row[d] as number);
  return z;
}

/**
 * ROC AUC of scores against 0/1 labels (Mann–Whitney, ties count half).
 *
 * @example rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]) // → 0.75
 */
export function rocAuc(scores: readonly number[], labels: readonly number[]): number {
  const order = scores.map((s, i) => [s, labels[i] as number] as const).sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (
      j < order.length &&
      (order[j] as readonly [number, number])[0] === (order[i] as readonly [number, number])[0]
    )
      j++;
    const rank = (i + j + 1) / 2;
    for (let k = i; k < j; k++)
      if ((order[k] as readonly [number, number])[1] === 1) {
        rankSum += rank;
        positives++;
      }
    i = j;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return 0.5;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

function foldsOf(n: number, k: number, random: SeededRandom): number[] {
  const fold = new Array<number>(n);
  shuffled(
    Array.from({ length: n }, (_, i) => i),
    random,
  ).forEach((row, position) => {
    fold[row] = position % k;
  });
  return fold;
}

function crossValidatedAuc(
  rows: readonly Vector[],
  labels: readonly number[],
  k: number,
  random: SeededRandom,
  options: LogisticOptions,
): number {
  const fold = new Array<number>(rows.length);
  for (const label of [0, 1]) {
    const members = rows.flatMap((_, i) => (labels[i] === label ? [i] : []));
    const folds = foldsOf(members.length, k, random);
    members.forEach((row, j) => {
      fold[row] = folds[j] as number;
    });
  }
  const dim = rows[0]?.length ?? 0;
  const aucs: number[] = [];
  for (let f = 0; f < k; f++) {
    const train = rows.flatMap((_, i) => (fold[i] === f ? [] : [i]));
    const test = rows.flatMap((_, i) => (fold[i] === f ? [i] : []));
    if (train.length === 0 || test.length === 0) continue;
    const mean = new Float64Array(dim);
    const std = new Float64Array(dim);
    for (const i of train) {
      const row = rows[i] as Vector;
      for (let d = 0; d < dim; d++) mean[d] = (mean[d] as number) + (row[d] as number) / train.length;
    }
    for (const i of train) {
      const row = rows[i] as Vector;
      for (let d = 0; d < dim; d++)
        std[d] = (std[d] as number) + ((row[d] as number) - (mean[d] as number)) ** 2 / train.length;
    }
    for (let d = 0; d < dim; d++) std[d] = Math.sqrt(std[d] as number) || 1;
    const scale = (i: number) =>
      Float64Array.from(rows[i] as Vector, (x, d) => (x - (mean[d] as number)) / (std[d] as number));
    const w = trainLogistic(
      train.map(scale),
      train.map((i) => labels[i] as number),
      options,
    );
    aucs.push(
      rocAuc(
        test.map((i) => score(w, scale(i))),
        test.map((i) => labels[i] as number),
      ),
    );
  }
  return aucs.length === 0 ? 0.5 : aucs.reduce((a, b) => a + b, 0) / aucs.length;
}

export interface DomainClassifierResult {
  auc: number;
  /** 0.55, or for small samples the 95th percentile of the AUC under permuted labels when higher. */
  threshold: number;
}

/** Evidently's rule: samples up to this size get a resampled threshold (its `bootstrap`). */
export const permutationThresholdRows = 1_000;

/**
 * Cross-validated ROC AUC of a classifier telling `current` (label 1) from `baseline`
 * (label 0): the mean of the held-out folds' AUCs (stratified seeded folds, as scikit-learn's
 * `cross_val_score`). Features are standardised on each training fold. When the baseline has
 * at most 1,000 rows, the threshold is the larger of 0.55 and the 95th percentile of the same
 * AUC with the labels shuffled (small samples, and repeated texts, swing the AUC a lot).
 *
 * @example domainClassifierAuc(baselineVectors, currentVectors, { seed: 1 }).auc // → ~0.5 without drift
 */
export function domainClassifierAuc(
  baseline: readonly Vector[],
  current: readonly Vector[],
  options: LogisticOptions & {
    seed?: number;
    folds?: number;
    permutations?: number;
    threshold?: number;
  } = {},
): DomainClassifierResult {
  const random = seededRandom(options.seed ?? 1);
  const k = options.folds ?? 3;
  const rows = [...baseline, ...current];
  const labels = [...baseline.map(() => 0), ...current.map(() => 1)];
  const auc = crossValidatedAuc(rows, labels, k, random, options);
  let threshold = options.threshold ?? 0.55;
  if (baseline.length <= permutationThresholdRows) {
    const permutations = options.permutations ?? 30;
    const nulls: number[] = [];
    for (let p = 0; p < permutations; p++)
      nulls.push(crossValidatedAuc(rows, shuffled(labels, random), k, random, options));
    nulls.sort((a, b) => a - b);
    threshold = Math.max(threshold, nulls[Math.floor(0.95 * (nulls.length - 1))] ?? threshold);
  }
  return { auc, threshold };
}
