/**
 * The fixed log-scale latency histogram kept in every rollup row: 40 buckets from 1 ms to
 * 10 minutes (each ~1.41× wider than the last), so p50/p95 of any range come from summing
 * bucket counts, within about ±10% of the exact value.
 */

export const histogramBuckets = 40;
const maxMs = 600_000;
const ratio = maxMs ** (1 / (histogramBuckets - 1));
const logRatio = Math.log(ratio);

/** Upper edge of bucket `i` in ms (bucket 0 holds 0–1 ms; the last holds everything above). */
export function bucketUpperMs(i: number): number {
  return ratio ** i;
}

/**
 * The bucket a latency falls in.
 *
 * @example latencyBucket(0.5) // → 0; latencyBucket(250) // → 17
 */
export function latencyBucket(ms: number): number {
  if (!(ms > 1)) return 0;
  return Math.min(histogramBuckets - 1, Math.ceil(Math.log(ms) / logRatio - 1e-9));
}

/**
 * The `q` quantile (0–1) of the latencies a histogram counts, interpolated on the log scale
 * inside its bucket; null when the histogram is empty.
 *
 * @example latencyQuantile(counts, 0.95) // → 1830.4
 */
export function latencyQuantile(counts: readonly number[], q: number): number | null {
  let total = 0;
  for (const c of counts) total += c;
  if (total === 0) return null;
  const rank = q * total;
  let below = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] ?? 0;
    if (c > 0 && below + c >= rank) {
      const frac = Math.min(1, Math.max(0, (rank - below) / c));
      const value = i === 0 ? frac : bucketUpperMs(i - 1) * ratio ** frac;
      return Math.round(value * 10) / 10;
    }
    below += c;
  }
  return Math.round(bucketUpperMs(histogramBuckets - 1) * 10) / 10;
}

/** The histogram column names, `h0` … `h39`, shared by both backends. */
export const histogramColumns: readonly string[] = Array.from(
  { length: histogramBuckets },
  (_, i) => `h${i}`,
);
