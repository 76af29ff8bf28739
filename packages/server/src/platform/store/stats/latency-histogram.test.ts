/** The latency histogram: bucket edges and quantiles within the buckets' precision. */
import { describe, expect, it } from "vitest";
import { bucketUpperMs, histogramBuckets, latencyBucket, latencyQuantile } from "./latency-histogram.js";

describe("latency histogram", () => {
  it("puts each latency in the bucket whose edges hold it", () => {
    expect(latencyBucket(0)).toBe(0);
    expect(latencyBucket(1)).toBe(0);
    expect(latencyBucket(600_000)).toBe(histogramBuckets - 1);
    expect(latencyBucket(5_000_000)).toBe(histogramBuckets - 1);
    for (const ms of [1.5, 7, 42, 250, 999, 1000, 12_345, 299_999]) {
      const b = latencyBucket(ms);
      expect(ms).toBeGreaterThan(bucketUpperMs(b - 1));
      expect(ms).toBeLessThanOrEqual(bucketUpperMs(b) * (1 + 1e-9));
    }
  });

  it("estimates quantiles of a skewed sample within ~20%", () => {
    const sample = Array.from({ length: 5000 }, (_, i) => 80 * Math.exp((i % 997) / 300));
    const counts = new Array<number>(histogramBuckets).fill(0);
    for (const ms of sample) counts[latencyBucket(ms)]! += 1;
    const sorted = [...sample].sort((a, b) => a - b);
    for (const q of [0.5, 0.95]) {
      const exact = sorted[Math.floor(q * sorted.length)]!;
      const estimate = latencyQuantile(counts, q)!;
      expect(Math.abs(estimate - exact) / exact).toBeLessThan(0.2);
    }
    expect(latencyQuantile(new Array<number>(histogramBuckets).fill(0), 0.5)).toBeNull();
  });
});
