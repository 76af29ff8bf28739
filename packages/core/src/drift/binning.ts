/**
 * Evidently's binning for PSI and Jensen–Shannon: numeric values into Sturges bins over the
 * union's range, categories as they are; empty shares become 0.0001 so logs stay finite.
 */

/** Sturges bin edges over both samples: ⌈log2 n⌉ + 1 equal-width bins on [min, max]. */
export function sturgesEdges(a: Float64Array, b: Float64Array): number[] {
  const n = a.length + b.length;
  let min = Infinity;
  let max = -Infinity;
  for (const arr of [a, b])
    for (const v of arr) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  if (n === 0 || min === max) return [min, max];
  const bins = Math.ceil(Math.log2(n)) + 1;
  return Array.from({ length: bins + 1 }, (_, i) => min + ((max - min) * i) / bins);
}

/** Shares of a sample per bin (the last bin includes its right edge, as numpy's histogram). */
export function binShares(values: Float64Array, edges: readonly number[]): number[] {
  const bins = Math.max(1, edges.length - 1);
  const counts = new Array<number>(bins).fill(0);
  const lo = edges[0] as number;
  const hi = edges[edges.length - 1] as number;
  const width = (hi - lo) / bins;
  for (const v of values) {
    const index = width === 0 ? 0 : Math.min(bins - 1, Math.floor((v - lo) / width));
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return counts.map((c) => (values.length === 0 ? 0 : c / values.length));
}

/** Replaces empty shares by 0.0001, as Evidently does before PSI. */
export function floorShares(shares: readonly number[]): number[] {
  return shares.map((s) => (s === 0 ? 0.0001 : s));
}

/**
 * Population stability index Σ (b − c) · ln(b / c) over floored shares.
 *
 * @example psi([0.5, 0.5], [0.5, 0.5]) // → 0
 */
export function psi(baseline: readonly number[], current: readonly number[]): number {
  const b = floorShares(baseline);
  const c = floorShares(current);
  let sum = 0;
  for (let i = 0; i < b.length; i++) {
    const x = b[i] as number;
    const y = c[i] as number;
    sum += (x - y) * Math.log(x / y);
  }
  return sum;
}
