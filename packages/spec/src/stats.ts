/**
 * The dashboard's read API: time series of calls, errors, latency percentiles, tokens and
 * cost (`GET /api/v1/stats/timeseries`), filter values (`/stats/facets`) and feedback counts
 * (`/feedback/summary`). Queries and responses, shared by server and UI.
 */
import { z } from "zod";
import { feedbackKinds, feedbackLabels } from "./feedback.js";

export const statsBuckets = ["auto", "1m", "5m", "15m", "1h", "6h", "1d"] as const;
export type StatsBucket = (typeof statsBuckets)[number];

/** Bucket widths in ms, for every bucket but `auto`. */
export const statsBucketMs: Record<Exclude<StatsBucket, "auto">, number> = {
  "1m": 60_000,
  "5m": 300_000,
  "15m": 900_000,
  "1h": 3_600_000,
  "6h": 21_600_000,
  "1d": 86_400_000,
};

export const statsGroupBys = ["none", "route", "model"] as const;
export type StatsGroupBy = (typeof statsGroupBys)[number];

/** A time range; both ends optional (default: the last 24 hours up to now). */
export const statsRangeSchema = z.object({
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
});

export const timeseriesQuerySchema = statsRangeSchema.extend({
  bucket: z.enum(statsBuckets).default("auto"),
  groupBy: z.enum(statsGroupBys).default("none"),
  route: z.string().max(512).optional(),
  model: z.string().max(512).optional(),
});
export type TimeseriesQuery = z.infer<typeof timeseriesQuerySchema>;

/** Aggregates of one bucket (or of the whole range). Latencies are null when no call had one. */
export const statsPointSchema = z.object({
  t: z.iso.datetime({ offset: true }),
  calls: z.number(),
  errors: z.number(),
  latencyP50Ms: z.number().nullable(),
  latencyP95Ms: z.number().nullable(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  costUsd: z.number(),
});
export type StatsPoint = z.infer<typeof statsPointSchema>;

export const statsTotalsSchema = statsPointSchema.omit({ t: true }).extend({ errorRate: z.number() });
export type StatsTotals = z.infer<typeof statsTotalsSchema>;

/** One line of a chart: `key` is the route or model (null: calls without one; "other": folded). */
export const statsSeriesSchema = z.object({
  key: z.string().nullable(),
  points: z.array(statsPointSchema),
});
export type StatsSeries = z.infer<typeof statsSeriesSchema>;

export const timeseriesSchema = z.object({
  bucketMs: z.number(),
  since: z.iso.datetime({ offset: true }),
  until: z.iso.datetime({ offset: true }),
  groupBy: z.enum(statsGroupBys),
  series: z.array(statsSeriesSchema),
  totals: statsTotalsSchema,
});
export type Timeseries = z.infer<typeof timeseriesSchema>;

export const facetsQuerySchema = statsRangeSchema;
export type FacetsQuery = z.infer<typeof facetsQuerySchema>;

export const facetValueSchema = z.object({ value: z.string().nullable(), calls: z.number() });
export type FacetValue = z.infer<typeof facetValueSchema>;

/** Filter values seen in the range, most calls first. */
export const facetsSchema = z.object({
  routes: z.array(facetValueSchema),
  models: z.array(facetValueSchema),
  statuses: z.array(facetValueSchema),
});
export type Facets = z.infer<typeof facetsSchema>;

export const feedbackSummaryQuerySchema = statsRangeSchema.extend({
  route: z.string().max(512).optional(),
});
export type FeedbackSummaryQuery = z.infer<typeof feedbackSummaryQuerySchema>;

/** Feedback counts in the range: in total, per derived label (null: no label) and per kind. */
export const feedbackSummarySchema = z.object({
  total: z.number(),
  byLabel: z.array(z.object({ label: z.enum(feedbackLabels).nullable(), count: z.number() })),
  byKind: z.array(z.object({ kind: z.enum(feedbackKinds), count: z.number() })),
});
export type FeedbackSummary = z.infer<typeof feedbackSummarySchema>;

export const feedbackTimeseriesQuerySchema = statsRangeSchema.extend({
  bucket: z.enum(statsBuckets).default("auto"),
  route: z.string().max(512).optional(),
});
export type FeedbackTimeseriesQuery = z.infer<typeof feedbackTimeseriesQuerySchema>;

/**
 * `GET /api/v1/feedback/timeseries`: derived labels over time (one count per bucket and label,
 * empty buckets included) and, over the whole range, the labels of each route.
 */
export const feedbackTimeseriesSchema = z.object({
  since: z.string(),
  until: z.string(),
  bucketMs: z.number(),
  /** Bucket starts, ms since the epoch. */
  times: z.array(z.number()),
  labels: z.array(z.object({ label: z.enum(feedbackLabels), counts: z.array(z.number()) })),
  routes: z.array(
    z.object({
      route: z.string().nullable(),
      total: z.number(),
      byLabel: z.array(z.object({ label: z.enum(feedbackLabels), count: z.number() })),
    }),
  ),
});
export type FeedbackTimeseries = z.infer<typeof feedbackTimeseriesSchema>;

/** `GET /api/v1/bootstrap`: what the UI needs before it has a key. */
export const bootstrapSchema = z.object({
  localMode: z.boolean(),
  project: z.literal("default"),
  key: z.string().optional(),
});
export type Bootstrap = z.infer<typeof bootstrapSchema>;
