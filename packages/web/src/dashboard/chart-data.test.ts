/** alignTimeseries: every bucket of the range on one x axis, series points placed by time. */
import type { StatsPoint, Timeseries } from "@genchi/spec";
import { describe, expect, it } from "vitest";
import { alignTimeseries, isFilterableKey } from "./chart-data.js";

const point = (t: string, calls: number): StatsPoint => ({
  t,
  calls,
  errors: 0,
  latencyP50Ms: 100,
  latencyP95Ms: 200,
  inputTokens: 10 * calls,
  outputTokens: calls,
  costUsd: 0.001 * calls,
});

describe("alignTimeseries", () => {
  it("fills the empty buckets of the range and aligns sparse series by time", () => {
    const ts: Timeseries = {
      bucketMs: 3_600_000,
      since: "2026-01-01T00:00:00.000Z",
      until: "2026-01-01T04:00:00.000Z",
      groupBy: "route",
      series: [
        {
          key: "categorize",
          points: [point("2026-01-01T01:00:00.000Z", 5), point("2026-01-01T03:00:00.000Z", 2)],
        },
        { key: "support-reply", points: [point("2026-01-01T00:00:00.000Z", 7)] },
      ],
      totals: { ...point("2026-01-01T00:00:00.000Z", 14), errorRate: 0 },
    };
    const aligned = alignTimeseries(ts);
    expect(aligned.times.map((t) => new Date(t).toISOString().slice(11, 13))).toEqual([
      "00",
      "01",
      "02",
      "03",
    ]);
    expect(aligned.xs[1]).toBe(Date.parse("2026-01-01T01:00:00.000Z") / 1000);
    expect(aligned.series[0]!.points.map((p) => p?.calls ?? null)).toEqual([null, 5, null, 2]);
    expect(aligned.series[1]!.points.map((p) => p?.calls ?? null)).toEqual([7, null, null, null]);
  });

  it("keeps a point that falls outside the bucket grid rather than dropping it", () => {
    const ts: Timeseries = {
      bucketMs: 86_400_000,
      since: "2026-01-01T00:00:00.000Z",
      until: "2026-01-02T00:00:00.000Z",
      groupBy: "none",
      series: [{ key: null, points: [point("2026-01-01T12:00:00.000Z", 3)] }],
      totals: { ...point("2026-01-01T00:00:00.000Z", 3), errorRate: 0 },
    };
    const aligned = alignTimeseries(ts);
    expect(aligned.times).toHaveLength(2);
    expect(aligned.series[0]!.points.filter(Boolean)).toHaveLength(1);
  });
});

describe("isFilterableKey", () => {
  it("refuses the 'no value' and folded series as call-list filters", () => {
    expect(isFilterableKey("categorize")).toBe(true);
    expect(isFilterableKey(null)).toBe(false);
    expect(isFilterableKey("other")).toBe(false);
  });
});
