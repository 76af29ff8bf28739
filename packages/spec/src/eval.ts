/**
 * Eval results: what `genchi eval --output` writes and `genchi eval compare` reads.
 * One result per test, per provider, per repeat.
 */
import { z } from "zod";

/** The verdict of one assertion on one output. */
export const assertionOutcomeSchema = z.object({
  type: z.string(),
  pass: z.boolean(),
  score: z.number(),
  reason: z.string(),
  /** The assertion could not be evaluated (a judge reply that is neither yes nor no, a crash). */
  error: z.string().nullable().optional(),
  metric: z.string().optional(),
});
export type AssertionOutcome = z.infer<typeof assertionOutcomeSchema>;

export const evalResultSchema = z.object({
  description: z.string(),
  vars: z.record(z.string(), z.unknown()),
  provider: z.string(),
  pass: z.boolean(),
  score: z.number(),
  output: z.string().nullable(),
  error: z.string().nullable(),
  /** Index of the test in the suite; the same test across providers and repeats shares it. */
  testIndex: z.number().int().optional(),
  /** 0-based repeat number. */
  repeat: z.number().int().optional(),
  prompt: z.string().optional(),
  latencyMs: z.number().nullable().optional(),
  costUsd: z.number().nullable().optional(),
  cached: z.boolean().optional(),
  assertions: z.array(assertionOutcomeSchema).optional(),
  namedScores: z.record(z.string(), z.number()).optional(),
});
export type EvalResult = z.infer<typeof evalResultSchema>;

export const evalStatsSchema = z.object({
  passed: z.number().int(),
  failed: z.number().int(),
  errors: z.number().int(),
  /** Requests the run sent upstream (retries, judge and embedding calls included). */
  upstreamCalls: z.number().int().nonnegative().optional(),
  /** Answers the response cache gave instead (a test run more than once never uses it). */
  cacheHits: z.number().int().nonnegative().optional(),
});
export type EvalStats = z.infer<typeof evalStatsSchema>;

export const evalResultsFileSchema = z.object({
  results: z.array(evalResultSchema),
  stats: evalStatsSchema,
  description: z.string().optional(),
  repeatMetrics: z.array(z.record(z.string(), z.unknown())).optional(),
  providers: z.array(z.record(z.string(), z.unknown())).optional(),
});
export type EvalResultsFile = z.infer<typeof evalResultsFileSchema>;
