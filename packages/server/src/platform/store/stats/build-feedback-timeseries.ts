/** Shapes feedback cells into `GET /api/v1/feedback/timeseries`: labels per bucket, and per route. */
import { type FeedbackLabel, type FeedbackTimeseries, feedbackLabels } from "@genchi/spec";
import type { FeedbackCell } from "./stats-store.js";

/**
 * @example buildFeedbackTimeseries(cells, { sinceMs, untilMs, bucketMs })
 */
export function buildFeedbackTimeseries(
  cells: readonly FeedbackCell[],
  range: { sinceMs: number; untilMs: number; bucketMs: number },
): FeedbackTimeseries {
  const { sinceMs, untilMs, bucketMs } = range;
  const times: number[] = [];
  for (let t = sinceMs; t < untilMs; t += bucketMs) times.push(t);
  const isLabel = (l: string): l is FeedbackLabel => (feedbackLabels as readonly string[]).includes(l);
  const counts = new Map<FeedbackLabel, number[]>(feedbackLabels.map((l) => [l, times.map(() => 0)]));
  const routes = new Map<string | null, Map<FeedbackLabel, number>>();
  for (const cell of cells) {
    if (!isLabel(cell.label)) continue;
    const index = Math.floor((cell.bucketStartMs - sinceMs) / bucketMs);
    const series = counts.get(cell.label)!;
    if (index >= 0 && index < series.length) series[index]! += cell.count;
    const byLabel = routes.get(cell.route) ?? new Map<FeedbackLabel, number>();
    byLabel.set(cell.label, (byLabel.get(cell.label) ?? 0) + cell.count);
    routes.set(cell.route, byLabel);
  }
  return {
    since: new Date(sinceMs).toISOString(),
    until: new Date(untilMs).toISOString(),
    bucketMs,
    times,
    labels: feedbackLabels.map((label) => ({ label, counts: counts.get(label)! })),
    routes: [...routes]
      .map(([route, byLabel]) => ({
        route,
        total: [...byLabel.values()].reduce((a, b) => a + b, 0),
        byLabel: feedbackLabels.map((label) => ({ label, count: byLabel.get(label) ?? 0 })),
      }))
      .sort((a, b) => b.total - a.total),
  };
}
