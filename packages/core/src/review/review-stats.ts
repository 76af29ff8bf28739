/**
 * Review stats from annotations: calls reviewed and failed per day, failures per failure mode
 * per day (which modes grow), and who reviewed today (the rotation).
 */
import type { Verdict } from "@genchi/spec";

export interface AnnotationFact {
  reviewer: string;
  verdict: Verdict;
  tags: readonly string[];
  /** ISO 8601. */
  createdAt: string;
}

export interface ReviewDayStats {
  day: string;
  reviewed: number;
  failed: number;
  /** Failures per failure mode that day. */
  byTag: Record<string, number>;
}

export interface ReviewStats {
  days: ReviewDayStats[];
  /** Each mode's failures in the window, and in its later half minus its earlier half (growth). */
  tags: { tag: string; failures: number; growth: number }[];
  reviewersToday: string[];
}

/**
 * @example reviewStats(annotations, { days: 7, today: "2026-11-28" }).days.length // → 7
 */
export function reviewStats(
  annotations: readonly AnnotationFact[],
  options: { days: number; today: string },
): ReviewStats {
  const end = new Date(`${options.today}T00:00:00Z`);
  const days: ReviewDayStats[] = [];
  for (let i = options.days - 1; i >= 0; i--) {
    const d = new Date(end);
    d.setUTCDate(d.getUTCDate() - i);
    days.push({ day: d.toISOString().slice(0, 10), reviewed: 0, failed: 0, byTag: {} });
  }
  const index = new Map(days.map((d, i) => [d.day, i]));
  const reviewersToday = new Set<string>();
  const tagTotals = new Map<string, { failures: number; growth: number }>();
  const half = Math.floor(options.days / 2);
  for (const a of annotations) {
    const day = a.createdAt.slice(0, 10);
    const i = index.get(day);
    if (i === undefined) continue;
    const stats = days[i]!;
    stats.reviewed++;
    if (day === options.today) reviewersToday.add(a.reviewer);
    if (a.verdict !== "fail") continue;
    stats.failed++;
    for (const tag of a.tags) {
      stats.byTag[tag] = (stats.byTag[tag] ?? 0) + 1;
      const t = tagTotals.get(tag) ?? { failures: 0, growth: 0 };
      t.failures++;
      if (i >= options.days - half) t.growth++;
      else if (i < half) t.growth--;
      tagTotals.set(tag, t);
    }
  }
  return {
    days,
    tags: [...tagTotals.entries()]
      .map(([tag, t]) => ({ tag, ...t }))
      .sort((a, b) => b.growth - a.growth || b.failures - a.failures || (a.tag < b.tag ? -1 : 1)),
    reviewersToday: [...reviewersToday].sort(),
  };
}
