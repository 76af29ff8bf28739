/**
 * The dashboard's storage interface: aggregates read from the call rollups (kept at ingest,
 * see rollup-rows.ts) and feedback counts. Both backends implement it with the same SQL
 * (sql-stats-store.ts) and pass `stats-store.contract.test.ts`.
 */
import type { Facets, FeedbackSummary, StatsGroupBy } from "@genchi/spec";

export interface RollupQuery {
  /** Inclusive, a multiple of `bucketMs`. */
  sinceMs: number;
  /** Exclusive, a multiple of `bucketMs`. */
  untilMs: number;
  /** A multiple of one minute; multiples of one hour read the hourly table. */
  bucketMs: number;
  groupBy: StatsGroupBy;
  route?: string | undefined;
  model?: string | undefined;
}

/** The sums of one (bucket, series key) cell. `key` is null for groupBy none or calls without a route/model. */
export interface RollupCell {
  bucketStartMs: number;
  key: string | null;
  calls: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  histogram: number[];
}

export interface FeedbackSummaryRange {
  sinceMs: number;
  untilMs: number;
  route?: string | undefined;
}

/** Feedback of one bucket, route and label (rows without a label are left out). */
export interface FeedbackCell {
  bucketStartMs: number;
  route: string | null;
  label: string;
  count: number;
}

export interface StatsStore {
  /** Rollup sums per (bucket, key) in the range; cells without calls are absent. */
  rollupCells(projectId: string, query: RollupQuery): Promise<RollupCell[]>;
  /** Routes, models and statuses seen in `[sinceMs, untilMs)`, most calls first. */
  facets(projectId: string, sinceMs: number, untilMs: number): Promise<Facets>;
  /** Feedback given in the range (by its timestamp), optionally only on calls of one route. */
  feedbackSummary(projectId: string, range: FeedbackSummaryRange): Promise<FeedbackSummary>;
  /** Labelled feedback in the range per bucket (by its timestamp) and per route of its call. */
  feedbackCells(
    projectId: string,
    range: FeedbackSummaryRange & { bucketMs: number },
  ): Promise<FeedbackCell[]>;
}
