/**
 * Shapes rollup cells into the dashboard's time series: every bucket present (zeros and
 * null latencies where no calls were), at most 20 series (the top by calls; the rest folded
 * into "other"), percentiles from merged histograms, and totals over the whole range.
 */
import type { StatsGroupBy, StatsPoint, StatsSeries, StatsTotals, Timeseries } from "@genchi/spec";
import { histogramBuckets, latencyQuantile } from "./latency-histogram.js";
import type { StatsRange } from "./stats-range.js";
import type { RollupCell } from "./stats-store.js";

export const maxSeries = 20;

interface Sums {
  calls: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  histogram: number[];
}

const emptySums = (): Sums => ({
  calls: 0,
  errors: 0,
  inputTokens: 0,
  outputTokens: 0,
  costUsd: 0,
  histogram: new Array<number>(histogramBuckets).fill(0),
});

function addInto(into: Sums, cell: Sums): void {
  into.calls += cell.calls;
  into.errors += cell.errors;
  into.inputTokens += cell.inputTokens;
  into.outputTokens += cell.outputTokens;
  into.costUsd += cell.costUsd;
  for (let i = 0; i < histogramBuckets; i++)
    into.histogram[i] = (into.histogram[i] ?? 0) + (cell.histogram[i] ?? 0);
}

const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;

function toPoint(t: number, s: Sums): StatsPoint {
  return {
    t: new Date(t).toISOString(),
    calls: s.calls,
    errors: s.errors,
    latencyP50Ms: latencyQuantile(s.histogram, 0.5),
    latencyP95Ms: latencyQuantile(s.histogram, 0.95),
    inputTokens: s.inputTokens,
    outputTokens: s.outputTokens,
    costUsd: round(s.costUsd, 8),
  };
}

/**
 * @example buildTimeseries(cells, { sinceMs, untilMs, bucketMs: 3_600_000 }, "route") // → { series: [{ key: "categorize", points }], … }
 */
export function buildTimeseries(
  cells: readonly RollupCell[],
  range: StatsRange,
  groupBy: StatsGroupBy,
): Timeseries {
  const callsByKey = new Map<string | null, number>();
  for (const cell of cells) callsByKey.set(cell.key, (callsByKey.get(cell.key) ?? 0) + cell.calls);
  const ranked = [...callsByKey].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
  const fold = ranked.length > maxSeries;
  const kept = new Set((fold ? ranked.slice(0, maxSeries - 1) : ranked).map(([key]) => key));
  const keys: (string | null)[] = [...kept];
  if (groupBy === "none" && keys.length === 0) keys.push(null);
  if (fold) keys.push("other");

  const points = (range.untilMs - range.sinceMs) / range.bucketMs;
  const grid = new Map<string | null, Sums[]>(
    keys.map((k) => [k, Array.from({ length: points }, emptySums)]),
  );
  const totals = emptySums();
  for (const cell of cells) {
    const index = Math.floor((cell.bucketStartMs - range.sinceMs) / range.bucketMs);
    const row = grid.get(kept.has(cell.key) ? cell.key : "other");
    const slot = row?.[index];
    if (!slot) continue;
    addInto(slot, cell);
    addInto(totals, cell);
  }
  const series: StatsSeries[] = keys.map((key) => ({
    key,
    points: grid.get(key)!.map((s, i) => toPoint(range.sinceMs + i * range.bucketMs, s)),
  }));
  const { t: _t, ...total } = toPoint(range.sinceMs, totals);
  const totalsOut: StatsTotals = {
    ...total,
    errorRate: totals.calls === 0 ? 0 : round(totals.errors / totals.calls, 6),
  };
  return {
    bucketMs: range.bucketMs,
    since: new Date(range.sinceMs).toISOString(),
    until: new Date(range.untilMs).toISOString(),
    groupBy,
    series,
    totals: totalsOut,
  };
}
