/**
 * Tests for categorical descriptors: Pearson's chi² of the 2 × k table, the two-proportion
 * z-test for binary descriptors (categories too rare to test pooled first, Cochran's rule), and
 * the Jensen–Shannon distance (natural log, as scipy computes it).
 */
import chisquareCdf from "@stdlib/stats-base-dists-chisquare-cdf";

export type Counts = ReadonlyMap<string, number>;

/** Category counts of a list of values. */
export function countValues(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

function total(counts: Counts): number {
  let n = 0;
  for (const c of counts.values()) n += c;
  return n;
}

/** Sorted union of the categories on both sides. */
export function categoriesOf(a: Counts, b: Counts): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].sort();
}

/**
 * Chi² test of the 2 × k table (baseline, current) × categories — Pearson's test of homogeneity,
 * as scipy's `chi2_contingency`. Evidently runs the goodness-of-fit form against baseline
 * proportions, where one current value never seen in the baseline makes p = 0; the table form
 * weighs both samples alike and gives the same answer otherwise.
 *
 * @example chiSquareTest(new Map([["a", 50], ["b", 50]]), new Map([["a", 90], ["b", 10]])).pValue < 0.001 // → true
 */
export function chiSquareTest(baseline: Counts, current: Counts): { statistic: number; pValue: number } {
  const keys = categoriesOf(baseline, current);
  const nb = total(baseline);
  const nc = total(current);
  if (keys.length < 2 || nb === 0 || nc === 0) return { statistic: 0, pValue: 1 };
  const n = nb + nc;
  let statistic = 0;
  for (const key of keys) {
    const b = baseline.get(key) ?? 0;
    const c = current.get(key) ?? 0;
    const expectedB = ((b + c) * nb) / n;
    const expectedC = ((b + c) * nc) / n;
    statistic += (b - expectedB) ** 2 / expectedB + (c - expectedC) ** 2 / expectedC;
  }
  return { statistic, pValue: 1 - chisquareCdf(statistic, keys.length - 1) };
}

/**
 * Two-proportion z-test (pooled), two-sided, for a descriptor with two categories; p-value
 * via z² ~ χ²(1).
 */
export function zTest(baseline: Counts, current: Counts): { z: number; pValue: number } {
  const keys = categoriesOf(baseline, current);
  const nb = total(baseline);
  const nc = total(current);
  if (keys.length < 2 || nb === 0 || nc === 0) return { z: 0, pValue: 1 };
  const key = keys[0] as string;
  const p1 = (baseline.get(key) ?? 0) / nb;
  const p2 = (current.get(key) ?? 0) / nc;
  const pooled = (p1 * nb + p2 * nc) / (nb + nc);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / nb + 1 / nc));
  if (se === 0) return { z: 0, pValue: 1 };
  const z = (p1 - p2) / se;
  return { z, pValue: 1 - chisquareCdf(z * z, 1) };
}

/** The category sparse ones are pooled into. */
export const pooledCategory = "(rare)";

/**
 * Pools the categories whose expected count is under `minExpected` (5: Cochran's rule for
 * chi² and the z-test) in either sample into one, "(rare)". What is left may be a single
 * category: nothing to test.
 *
 * @example poolSparse(new Map([["a", 50], ["x", 1]]), new Map([["a", 50], ["y", 1]])) // → a: 50 | 50, "(rare)": 1 | 1
 */
export function poolSparse(
  baseline: Counts,
  current: Counts,
  minExpected = 5,
): { baseline: Map<string, number>; current: Map<string, number> } {
  const nb = total(baseline);
  const nc = total(current);
  const smaller = Math.min(nb, nc) / Math.max(1, nb + nc);
  const b = new Map<string, number>();
  const c = new Map<string, number>();
  let poolB = 0;
  let poolC = 0;
  for (const key of categoriesOf(baseline, current)) {
    const x = baseline.get(key) ?? 0;
    const y = current.get(key) ?? 0;
    if ((x + y) * smaller < minExpected) {
      poolB += x;
      poolC += y;
      continue;
    }
    b.set(key, x);
    c.set(key, y);
  }
  if (poolB + poolC === 0) return { baseline: b, current: c };
  // The pool stays a category of its own even when it is sparse itself: folded into another
  // one, a new category in production (0 → 20% of a small current) would vanish from the test.
  b.set(pooledCategory, poolB);
  c.set(pooledCategory, poolC);
  return { baseline: b, current: c };
}

/** Shares per category, in the order of `keys`. */
export function sharesOf(counts: Counts, keys: readonly string[]): number[] {
  const n = total(counts);
  return keys.map((k) => (n === 0 ? 0 : (counts.get(k) ?? 0) / n));
}

/**
 * Jensen–Shannon distance (square root of the divergence, natural log) between two share vectors.
 *
 * @example jensenShannonDistance([1, 0], [0, 1]) // → √ln 2 ≈ 0.8326
 */
export function jensenShannonDistance(p: readonly number[], q: readonly number[]): number {
  let divergence = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i] ?? 0;
    const b = q[i] ?? 0;
    const m = (a + b) / 2;
    if (a > 0) divergence += 0.5 * a * Math.log(a / m);
    if (b > 0) divergence += 0.5 * b * Math.log(b / m);
  }
  return Math.sqrt(Math.max(0, divergence));
}
