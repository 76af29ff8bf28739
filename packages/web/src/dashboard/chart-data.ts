/** Turns a Timeseries response into aligned chart columns: one x axis, one value array per series. */
import type { StatsPoint, Timeseries } from "@genchi/spec";

export interface AlignedSeries {
  key: string | null;
  /** Points by bucket index (undefined: no calls in that bucket). */
  points: Array<StatsPoint | undefined>;
}

export interface AlignedTimeseries {
  /** Bucket starts in ms. */
  times: number[];
  /** Bucket starts in seconds (uPlot's x). */
  xs: number[];
  series: AlignedSeries[];
}

/**
 * Every bucket from since to until, so gaps show as zero traffic rather than a straight line.
 *
 * @example const aligned = alignTimeseries(response)
 */
export function alignTimeseries(ts: Timeseries): AlignedTimeseries {
  const seen = new Set<number>();
  for (const s of ts.series) for (const p of s.points) seen.add(Date.parse(p.t));
  const first = Math.floor(Date.parse(ts.since) / ts.bucketMs) * ts.bucketMs;
  const last = Date.parse(ts.until);
  if (ts.bucketMs > 0 && (last - first) / ts.bucketMs <= 20_000) {
    for (let t = first; t < last; t += ts.bucketMs) seen.add(t);
  }
  const times = [...seen].sort((a, b) => a - b);
  const indexOf = new Map(times.map((t, i) => [t, i]));
  const series = ts.series.map((s) => {
    const points: Array<StatsPoint | undefined> = new Array(times.length).fill(undefined);
    for (const p of s.points) {
      const i = indexOf.get(Date.parse(p.t));
      if (i !== undefined) points[i] = p;
    }
    return { key: s.key, points };
  });
  return { times, xs: times.map((t) => t / 1000), series };
}

/** The label of a series key. */
export function seriesLabel(key: string | null): string {
  return key === null ? "(none)" : key;
}

/** Whether a series key can be used as a call-list filter (not "no value", not the folded rest). */
export function isFilterableKey(key: string | null): key is string {
  return key !== null && key !== "other";
}
