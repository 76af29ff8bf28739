/**
 * The daily review queue: annotations (a reviewer's verdict on a call), the project's
 * failure-mode taxonomy, the day's queue with per-reviewer locks, and the assertions a
 * route's suite grew from reviewed failures.
 */
import { z } from "zod";
import { callIdSchema } from "./call.js";

export const verdicts = ["pass", "fail"] as const;
export type Verdict = (typeof verdicts)[number];

const reviewerSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\s]+$/, "a reviewer name has no spaces (e.g. ana)");
const tagSchema = z.string().trim().min(1).max(100);

export const annotationInSchema = z.object({
  callId: callIdSchema,
  reviewer: reviewerSchema,
  verdict: z.enum(verdicts),
  /** Failure-mode names; unknown names join the project's taxonomy. */
  tags: z.array(tagSchema).max(20).default([]),
  note: z.string().max(10_000).nullable().default(null),
  /** The output as it should have been; becomes a dataset item with it as expected. */
  correction: z.string().max(200_000).nullable().default(null),
  /** When the review happened; now by default (set it when importing past reviews). */
  createdAt: z.iso.datetime({ offset: true }).optional(),
});
export type AnnotationIn = z.input<typeof annotationInSchema>;

export const annotationSchema = z.object({
  callId: z.string(),
  reviewer: z.string(),
  verdict: z.enum(verdicts),
  tags: z.array(z.string()),
  note: z.string().nullable(),
  correction: z.string().nullable(),
  createdAt: z.string(),
});
export type Annotation = z.infer<typeof annotationSchema>;

export const failureModeSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  createdAt: z.string(),
});
export type FailureMode = z.infer<typeof failureModeSchema>;

export const failureModeCreateSchema = z.object({
  name: tagSchema,
  description: z.string().max(2000).default(""),
});
export const failureModeRenameSchema = z.object({ name: tagSchema });
export const failureModeMergeSchema = z.object({
  /** The failure mode (id or name) the merged one's tags move to. */
  into: tagSchema,
});

export const sampleStrategies = [
  "uniform",
  "stratified",
  "negative_feedback",
  "drift_cluster",
  "flaky",
  "low_judge_score",
] as const;
export type SampleStrategy = (typeof sampleStrategies)[number];

export const reviewQueueCreateSchema = z.object({
  /** UTC day, YYYY-MM-DD; today by default. */
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "a day is YYYY-MM-DD")
    .optional(),
  size: z.number().int().min(1).max(1000).default(30),
  /** Seed of the sample; by default the day (20261128), so each day differs and repeats. */
  seed: z.number().int().optional(),
  route: z.string().min(1).max(512).optional(),
  /** Weights of each strategy in the mix (normalised); default: negative feedback 0.3, stratified 0.4, uniform 0.3. */
  mix: z.partialRecord(z.enum(sampleStrategies), z.number().min(0)).optional(),
  /** Ranked call ids for pluggable strategies (drift_cluster, flaky, low_judge_score), most worth a look first. */
  ranked: z.partialRecord(z.enum(sampleStrategies), z.array(z.string().max(200)).max(10_000)).optional(),
  /** Calls considered: the newest ones within this many days. */
  lookbackDays: z.number().int().min(1).max(365).default(7),
});
export type ReviewQueueCreate = z.input<typeof reviewQueueCreateSchema>;

export const reviewQueueItemSchema = z.object({
  day: z.string(),
  callId: z.string(),
  position: z.number().int(),
  strategy: z.enum(sampleStrategies),
  lockedBy: z.string().nullable(),
  lockExpiresAt: z.string().nullable(),
  doneBy: z.string().nullable(),
});
export type ReviewQueueItem = z.infer<typeof reviewQueueItemSchema>;

export const reviewProgressSchema = z.object({
  day: z.string(),
  total: z.number().int(),
  done: z.number().int(),
  /** Days in a row (ending today or yesterday) on which this reviewer annotated a call. */
  streak: z.number().int(),
  reviewedByMe: z.number().int(),
});
export type ReviewProgress = z.infer<typeof reviewProgressSchema>;

export const reviewNextQuerySchema = z.object({
  reviewer: reviewerSchema,
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  /** Lock lifetime in seconds (default 600). */
  lockSeconds: z.coerce.number().int().min(1).max(86_400).default(600),
});

/** An assertion proposed from a failed call, with the spec it adds to a suite. */
export const assertionProposalSchema = z.object({
  kind: z.enum(["regex", "contains", "not-contains", "json-schema", "length", "llm-rubric"]),
  description: z.string(),
  assert: z.object({
    type: z.string(),
    value: z.unknown().optional(),
  }),
});
export type AssertionProposal = z.infer<typeof assertionProposalSchema>;

export const suiteAssertionInSchema = z.object({
  route: z.string().min(1).max(512),
  description: z.string().max(2000).default(""),
  assert: z.object({ type: z.string().min(1).max(100), value: z.unknown().optional() }),
  sourceCallId: z.string().max(200).nullable().default(null),
});
export type SuiteAssertionIn = z.input<typeof suiteAssertionInSchema>;

export const suiteAssertionSchema = z.object({
  id: z.string(),
  route: z.string(),
  description: z.string(),
  assert: z.object({ type: z.string(), value: z.unknown().optional() }),
  sourceCallId: z.string().nullable(),
  createdAt: z.string(),
});
export type SuiteAssertion = z.infer<typeof suiteAssertionSchema>;
