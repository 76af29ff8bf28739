/**
 * The daily review sample: N calls drawn by a weighted mix of strategies (uniform random,
 * stratified by route and model, negative feedback first, and pluggable ranked lists such as
 * drift clusters, flaky cases or low judge scores). Pure and seeded: the same candidates,
 * options and seed give the same queue, whatever order the candidates came in.
 */
import type { FeedbackLabel, SampleStrategy } from "@genchi/spec";
import { type SeededRandom, seededRandom, shuffled } from "../random/seeded-random.js";

/** A call that may be sampled, with what the strategies look at. */
export interface ReviewCandidate {
  id: string;
  route: string | null;
  model: string | null;
  /** The most negative feedback label the call got, if any. */
  feedbackLabel?: FeedbackLabel | null;
}

export interface ReviewSampleOptions {
  size: number;
  seed: number;
  /** Strategy weights; normalised over the strategies that have candidates. */
  mix?: Partial<Record<SampleStrategy, number>>;
  /** Call ids never to offer again (already queued or annotated). */
  exclude?: ReadonlySet<string>;
  /**
   * Ranked call ids from pluggable strategies (most worth a look first): `drift_cluster`,
   * `flaky`, `low_judge_score`, or any strategy a caller fills in.
   */
  ranked?: Partial<Record<SampleStrategy, readonly string[]>>;
}

export interface ReviewPick {
  callId: string;
  strategy: SampleStrategy;
}

/** The default mix when none is given. */
export const defaultReviewMix: Readonly<Partial<Record<SampleStrategy, number>>> = {
  negative_feedback: 0.3,
  stratified: 0.4,
  uniform: 0.3,
};

const labelRank: Record<FeedbackLabel, number> = {
  strong_negative: 0,
  negative: 1,
  positive: 2,
  strong_positive: 3,
};

/** Candidates in the order a strategy would take them. */
function orderFor(
  strategy: SampleStrategy,
  pool: readonly ReviewCandidate[],
  random: SeededRandom,
  ranked: Partial<Record<SampleStrategy, readonly string[]>>,
): string[] {
  if (strategy === "uniform") return shuffled(pool, random).map((c) => c.id);
  if (strategy === "negative_feedback") {
    const negative = pool.filter(
      (c) => c.feedbackLabel === "negative" || c.feedbackLabel === "strong_negative",
    );
    return shuffled(negative, random)
      .sort((a, b) => labelRank[a.feedbackLabel!] - labelRank[b.feedbackLabel!])
      .map((c) => c.id);
  }
  if (strategy === "stratified") {
    const strata = new Map<string, ReviewCandidate[]>();
    for (const c of pool) {
      const key = `${c.route ?? ""}\u0000${c.model ?? ""}`;
      strata.set(key, [...(strata.get(key) ?? []), c]);
    }
    const keys = shuffled([...strata.keys()].sort(), random);
    const lists = keys.map((k) => shuffled(strata.get(k)!, random));
    const out: string[] = [];
    for (let i = 0; out.length < pool.length; i++) {
      for (const list of lists) if (i < list.length) out.push(list[i]!.id);
    }
    return out;
  }
  const known = new Set(pool.map((c) => c.id));
  return (ranked[strategy] ?? []).filter((id) => known.has(id));
}

/** Whole quotas per strategy that sum to `size` (largest remainder). */
function quotas(weights: [SampleStrategy, number][], size: number): Map<SampleStrategy, number> {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  const raw = weights.map(([s, w]) => [s, total > 0 ? (w / total) * size : 0] as const);
  const out = new Map(raw.map(([s, q]) => [s, Math.floor(q)]));
  let left = size - [...out.values()].reduce((a, b) => a + b, 0);
  const byRemainder = [...raw].sort((a, b) => b[1] - Math.floor(b[1]) - (a[1] - Math.floor(a[1])));
  for (const [s] of byRemainder) {
    if (left <= 0) break;
    out.set(s, (out.get(s) ?? 0) + 1);
    left--;
  }
  return out;
}

/**
 * Picks today's review sample. Each strategy fills its share of `size`; a strategy short of
 * candidates leaves its share to uniform random. No call appears twice or from `exclude`.
 *
 * @example sampleReviewQueue(candidates, { size: 30, seed: 20261128 }) // → [{ callId, strategy }, …]
 */
export function sampleReviewQueue(
  candidates: readonly ReviewCandidate[],
  options: ReviewSampleOptions,
): ReviewPick[] {
  const exclude = options.exclude ?? new Set<string>();
  const seen = new Set<string>();
  const pool = candidates
    .filter((c) => !exclude.has(c.id) && !seen.has(c.id) && seen.add(c.id))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const size = Math.min(options.size, pool.length);
  const ranked = options.ranked ?? {};
  const mix = options.mix ?? defaultReviewMix;
  const weights = (Object.entries(mix) as [SampleStrategy, number][])
    .filter(([, w]) => w > 0)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const random = seededRandom(options.seed);
  const share = quotas(weights, size);
  const picks: ReviewPick[] = [];
  const taken = new Set<string>();
  // Priority strategies first, so a call both negative and random counts as negative.
  const order: SampleStrategy[] = [
    "negative_feedback",
    "low_judge_score",
    "flaky",
    "drift_cluster",
    "stratified",
    "uniform",
  ];
  for (const strategy of order) {
    const quota = share.get(strategy) ?? 0;
    if (quota === 0) continue;
    let got = 0;
    for (const id of orderFor(strategy, pool, random, ranked)) {
      if (got >= quota) break;
      if (taken.has(id)) continue;
      taken.add(id);
      picks.push({ callId: id, strategy });
      got++;
    }
  }
  if (picks.length < size) {
    for (const id of orderFor("uniform", pool, random, ranked)) {
      if (picks.length >= size) break;
      if (taken.has(id)) continue;
      taken.add(id);
      picks.push({ callId: id, strategy: "uniform" });
    }
  }
  return picks;
}
