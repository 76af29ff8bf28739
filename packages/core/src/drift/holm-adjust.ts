/**
 * Holm's step-down correction for the many descriptors one drift report tests: it controls the
 * chance of any false finding in the report (family-wise error) at α like Bonferroni does, and
 * rejects at least as much. Adjusted p-values: sort ascending, multiply the k-th smallest by
 * (m − k + 1), carry the running maximum, cap at 1; a finding is significant when its adjusted
 * p-value is under α.
 */

/**
 * Holm-adjusted p-values, in the order given.
 *
 * @example holmAdjust([0.01, 0.04, 0.03, 0.005]) // → [0.03, 0.06, 0.06, 0.02]
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(([p, i], k) => {
    running = Math.max(running, Math.min(1, p * (m - k)));
    adjusted[i] = running;
  });
  return adjusted;
}
