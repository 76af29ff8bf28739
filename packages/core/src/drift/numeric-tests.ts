/**
 * Two-sample tests for numeric descriptors: the Kolmogorov–Smirnov test (statistic D, the
 * effect size drift reports use, and its p-value — exact for small samples, asymptotic above)
 * and the Wasserstein distance normalised by the baseline's standard deviation.
 */

/** Sorted copy as a Float64Array. */
export function sortedValues(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}

/** The KS statistic D: the largest gap between the two empirical CDFs (ties handled). */
export function ksStatistic(a: Float64Array, b: Float64Array): number {
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < a.length && j < b.length) {
    const x = Math.min(a[i] as number, b[j] as number);
    while (i < a.length && (a[i] as number) <= x) i++;
    while (j < b.length && (b[j] as number) <= x) j++;
    d = Math.max(d, Math.abs(i / a.length - j / b.length));
  }
  return d;
}

/** Kolmogorov's limiting survival function Q(λ) = 2 Σ (−1)^(k−1) e^(−2k²λ²). */
function kolmogorovSurvival(lambda: number): number {
  if (lambda < 0.2) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += (k % 2 === 1 ? 1 : -1) * term;
    if (term < 1e-12) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/** Exact p-values are computed while m·n is at most this (a DP over m·n lattice points). */
export const ksExactCells = 1_000_000;

/**
 * Exact P(D ≥ d) under the null for samples of m and n (no ties): the chance that a random
 * interleaving of the two samples — a lattice path from (0, 0) to (m, n), each order equally
 * likely — touches |i/m − j/n| ≥ d. `gap` is d·m·n, a whole number.
 */
function ksExactPValue(m: number, n: number, gap: number): number {
  if (gap <= 0) return 1;
  // inside[j]: chance of reaching (i, j) without touching the boundary, row i rolled in place.
  const inside = new Float64Array(n + 1);
  inside[0] = 1;
  for (let j = 1; j <= n; j++) {
    const prev = inside[j - 1] as number;
    inside[j] = Math.abs(-j * m) >= gap ? 0 : (prev * (n - j + 1)) / (m + n - j + 1);
  }
  for (let i = 1; i <= m; i++) {
    for (let j = 0; j <= n; j++) {
      if (Math.abs(i * n - j * m) >= gap) {
        inside[j] = 0;
        continue;
      }
      const fromLeft = ((inside[j] as number) * (m - i + 1)) / (m - i + 1 + n - j);
      const fromBelow = j > 0 ? ((inside[j - 1] as number) * (n - j + 1)) / (m - i + n - j + 1) : 0;
      inside[j] = fromLeft + fromBelow;
    }
  }
  return Math.min(1, Math.max(0, 1 - (inside[n] as number)));
}

/**
 * Two-sample KS test: the exact p-value while m·n ≤ 1,000,000 (ties make it conservative),
 * else Kolmogorov's limiting law with Stephens' small-sample correction.
 *
 * @example ksTest(sortedValues([1, 2, 3]), sortedValues([1, 2, 3])).pValue // → 1
 * @example ksTest(sortedValues([1, 2, 3]), sortedValues([7, 8, 9])).pValue // → 0.1 (2 of the 20 orders)
 */
export function ksTest(a: Float64Array, b: Float64Array): { d: number; pValue: number } {
  if (a.length === 0 || b.length === 0) return { d: 0, pValue: 1 };
  const d = ksStatistic(a, b);
  const m = a.length;
  const n = b.length;
  if (m * n <= ksExactCells) return { d, pValue: ksExactPValue(m, n, Math.round(d * m * n)) };
  const en = Math.sqrt((m * n) / (m + n));
  return { d, pValue: kolmogorovSurvival((en + 0.12 + 0.11 / en) * d) };
}

/** Population standard deviation. */
export function standardDeviation(values: Float64Array): number {
  if (values.length === 0) return 0;
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let sq = 0;
  for (const v of values) sq += (v - mean) ** 2;
  return Math.sqrt(sq / values.length);
}

/** The 1-D Wasserstein (earth mover's) distance between two sorted samples: ∫ |F_a − F_b|. */
export function wassersteinDistance(a: Float64Array, b: Float64Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let prev = Math.min(a[0] as number, b[0] as number);
  let area = 0;
  while (i < a.length || j < b.length) {
    const x = Math.min(
      i < a.length ? (a[i] as number) : Infinity,
      j < b.length ? (b[j] as number) : Infinity,
    );
    area += Math.abs(i / a.length - j / b.length) * (x - prev);
    while (i < a.length && (a[i] as number) <= x) i++;
    while (j < b.length && (b[j] as number) <= x) j++;
    prev = x;
  }
  return area;
}

/**
 * Evidently's `wasserstein` test: the distance divided by the baseline's standard deviation
 * (at least 0.001).
 *
 * @example normalizedWasserstein(sortedValues([0, 1]), sortedValues([1, 2])) // → 2
 */
export function normalizedWasserstein(baseline: Float64Array, current: Float64Array): number {
  return wassersteinDistance(baseline, current) / Math.max(standardDeviation(baseline), 0.001);
}
