/**
 * Eval runs stored in genchi: what `genchi eval` sends with `GENCHI_URL` set (create, result
 * batches, finish) and what `/api/v1/evals/*` answers (runs, result pages, a comparison).
 */
import { z } from "zod";
import { evalResultSchema, evalStatsSchema } from "./eval.js";

export const evalRunStatuses = ["running", "finished", "failed"] as const;
export const evalRunStatusSchema = z.enum(evalRunStatuses);
export type EvalRunStatus = z.infer<typeof evalRunStatusSchema>;

/** One provider's row of the smallest-model table. */
export const providerSummarySchema = z.object({
  provider: z.string(),
  tests: z.number().int(),
  passRate: z.number(),
  latencyP50: z.number().nullable(),
  latencyP95: z.number().nullable(),
  /** USD per 1,000 calls; null when the price is unknown. */
  costPer1k: z.number().nullable(),
  onFront: z.boolean().optional(),
});

/** Nondeterminism metrics of one test run N times (by one provider, with one prompt). */
export const repeatRowSchema = z.object({
  testIndex: z.number().int(),
  description: z.string(),
  provider: z.string(),
  prompt: z.string(),
  runs: z.number().int(),
  passes: z.number().int(),
  passRate: z.number(),
  passAll: z.boolean(),
  passAny: z.boolean(),
  flaky: z.boolean(),
  consistency: z.number(),
});
export type RepeatRow = z.infer<typeof repeatRowSchema>;

/** "Cheapest within X points of the best pass rate", or why there is none. */
export const recommendationSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("recommended"),
    provider: z.string(),
    passRate: z.number(),
    bestPassRate: z.number(),
    tolerance: z.number(),
  }),
  z.object({ type: z.literal("none"), reason: z.string() }),
]);

const name = z.string().max(1000);

/** `POST /api/v1/evals/runs`: a run starts. */
export const evalRunCreateSchema = z.object({
  description: name.default(""),
  /** The config file's name (`categorize.yaml`); runs of one suite share it. */
  configName: name.default(""),
  providers: z.array(z.string().max(1000)).max(100).default([]),
  /** Results the run plans (tests × prompts × providers × repeats), when known. */
  total: z.number().int().min(0).nullable().default(null),
  metadata: z.record(z.string(), z.unknown()).default({}),
});
export type EvalRunCreate = z.input<typeof evalRunCreateSchema>;

/** `POST /api/v1/evals/runs/:id/results`: a batch of results, appended in order. */
export const evalResultsBatchSchema = z.object({
  results: z.array(evalResultSchema).min(1).max(5000),
});
export type EvalResultsBatch = z.infer<typeof evalResultsBatchSchema>;

/** `PATCH /api/v1/evals/runs/:id`: the run ends, with its summary tables. */
export const evalRunFinishSchema = z.object({
  status: z.enum(["finished", "failed"]).default("finished"),
  providerTable: z.array(providerSummarySchema).max(100).default([]),
  repeatMetrics: z.array(repeatRowSchema).max(100_000).default([]),
  recommendation: recommendationSchema.nullable().default(null),
});
export type EvalRunFinish = z.input<typeof evalRunFinishSchema>;

/** A stored run. `stats` counts the results stored so far. */
export const evalRunSchema = z.object({
  id: z.string(),
  description: z.string(),
  configName: z.string(),
  status: evalRunStatusSchema,
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  providers: z.array(z.string()),
  total: z.number().int().nullable(),
  stats: evalStatsSchema,
  /** stored results / (passed + failed + errors); null before the first result. */
  passRate: z.number().nullable(),
  providerTable: z.array(providerSummarySchema),
  /** Tests whose repeats both passed and failed; null when nothing was repeated (or not finished). */
  flakyTests: z.number().int().nullable(),
  /** Per-test repeat metrics, flaky first. Left out (empty) in run lists: GET the run. */
  repeatMetrics: z.array(repeatRowSchema),
  recommendation: recommendationSchema.nullable(),
  metadata: z.record(z.string(), z.unknown()),
});
export type EvalRun = z.infer<typeof evalRunSchema>;

export const evalRunsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional(),
  /** Only runs of this config file. */
  configName: z.string().max(1000).optional(),
});
export type EvalRunsQuery = z.infer<typeof evalRunsQuerySchema>;

export const evalRunsPageSchema = z.object({
  data: z.array(evalRunSchema),
  nextCursor: z.string().nullable(),
});
export type EvalRunsPage = z.infer<typeof evalRunsPageSchema>;

/** A stored result with its position in the run (0-based, in the order results arrived). */
export const storedEvalResultSchema = evalResultSchema.extend({ index: z.number().int() });
export type StoredEvalResult = z.infer<typeof storedEvalResultSchema>;

export const evalResultsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(5000).default(100),
  cursor: z.string().max(100).optional(),
  /** Only results that did not pass (failures and errors). */
  failedOnly: z
    .enum(["true", "false", "1", "0"])
    .transform((v) => v === "true" || v === "1")
    .default(false),
});
export type EvalResultsQuery = z.infer<typeof evalResultsQuerySchema>;

export const evalResultsPageSchema = z.object({
  data: z.array(storedEvalResultSchema),
  nextCursor: z.string().nullable(),
});
export type EvalResultsPage = z.infer<typeof evalResultsPageSchema>;

/** A test that flipped between two runs. */
export const evalFlipSchema = z.object({
  description: z.string(),
  provider: z.string(),
  repeat: z.number().int(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type EvalFlip = z.infer<typeof evalFlipSchema>;

/** Run A (before) against run B (after), paired by test: `genchi eval compare` and `/api/v1/evals/compare`. */
export const evalComparisonSchema = z.object({
  pairs: z.number().int(),
  passRateA: z.number(),
  passRateB: z.number(),
  passRateDelta: z.number(),
  regressions: z.array(evalFlipSchema),
  improvements: z.array(evalFlipSchema),
  mcnemar: z.object({ regressions: z.number().int(), improvements: z.number().int(), pValue: z.number() }),
  scoreDelta: z.number(),
  metricDeltas: z.record(z.string(), z.number()),
  latencyP50Delta: z.number().nullable(),
  costPer1kDelta: z.number().nullable(),
  unpairedA: z.number().int(),
  unpairedB: z.number().int(),
  /** Pass-rate drop allowed, in percentage points. */
  threshold: z.number(),
  gate: z.enum(["pass", "fail"]),
});
export type EvalComparison = z.infer<typeof evalComparisonSchema>;

/** `GET /api/v1/evals/compare?a=&b=`: the comparison with both runs' summaries. */
export const evalRunComparisonSchema = z.object({
  a: evalRunSchema,
  b: evalRunSchema,
  comparison: evalComparisonSchema,
});
export type EvalRunComparison = z.infer<typeof evalRunComparisonSchema>;
