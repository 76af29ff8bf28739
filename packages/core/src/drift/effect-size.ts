/**
 * Effect sizes a drift finding must reach besides significance: Cohen's h for a share that
 * moved (the arcsine-transformed difference of two proportions, 0.2 = "small" in Cohen's
 * conventions) and, for numeric descriptors, the KS statistic D (`ksStatistic` in
 * numeric-tests.ts). Both do not depend on the sample sizes, unlike a p-value.
 */

/**
 * Cohen's h from proportion `p1` (baseline) to `p2` (current): 2·asin√p₂ − 2·asin√p₁, signed.
 *
 * @example cohensH(0.25, 0.75) // → π/3 ≈ 1.047
 */
export function cohensH(p1: number, p2: number): number {
  const clamp = (p: number) => Math.min(1, Math.max(0, p));
  return 2 * Math.asin(Math.sqrt(clamp(p2))) - 2 * Math.asin(Math.sqrt(clamp(p1)));
}

/**
 * The largest |h| over categories, shares index-aligned (the category that moved most on the
 * arcsine scale); 0 when there are none.
 *
 * @example largestCohensH([0.5, 0.5], [0.25, 0.75]) // → π/3
 */
export function largestCohensH(baseline: readonly number[], current: readonly number[]): number {
  let largest = 0;
  const n = Math.max(baseline.length, current.length);
  for (let i = 0; i < n; i++)
    largest = Math.max(largest, Math.abs(cohensH(baseline[i] ?? 0, current[i] ?? 0)));
  return largest;
}
