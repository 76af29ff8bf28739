/**
 * The review queue: today's sample, claiming the next call, progress, annotations, stats, the
 * daily reminder, failure modes, assertion proposals and backtests, and the suites reviewed
 * failures grow (with their export as eval YAML).
 */
import { z } from "zod";
import { callSchema } from "../call.js";
import {
  annotationInSchema,
  annotationSchema,
  assertionProposalSchema,
  failureModeCreateSchema,
  failureModeMergeSchema,
  failureModeRenameSchema,
  failureModeSchema,
  reviewNextQuerySchema,
  reviewProgressSchema,
  reviewQueueCreateSchema,
  reviewQueueItemSchema,
  suiteAssertionInSchema,
  suiteAssertionSchema,
  verdicts,
} from "../review.js";
import { defineEndpoint } from "./endpoint.js";
import { idParams, listOf, noContent, routeParams } from "./shared-shapes.js";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a day is YYYY-MM-DD")
  .optional();

/** `GET /api/v1/review/queue` query (default: today, UTC). */
export const reviewDayQuerySchema = z.object({ day });
/** `GET /api/v1/review/progress` query. */
export const reviewProgressQuerySchema = reviewDayQuerySchema.extend({
  reviewer: z.string().min(1).max(200),
});
/** `GET /api/v1/review/annotations` query. */
export const annotationsQuerySchema = z.object({
  callId: z.string().max(200).optional(),
  reviewer: z.string().max(200).optional(),
  verdict: z.enum(verdicts).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(200),
});
/** `POST /api/v1/review/backtest` body: an assertion, judged against the route's reviewed calls. */
export const backtestBodySchema = z.object({
  route: z.string().max(512).nullable(),
  assert: z.object({ type: z.string().min(1).max(100), value: z.unknown().optional() }),
});
/** `GET /api/v1/review/stats` query. */
export const reviewStatsQuerySchema = z.object({ days: z.coerce.number().int().min(1).max(365).default(14) });
/** `PUT /api/v1/review/reminder` body, answered as set. */
export const reminderSchema = z.object({ webhookUrl: z.url(), hourUtc: z.number().int().min(0).max(23) });
/** The suite export's query: the provider and base URL the exported YAML names. */
export const suiteExportQuerySchema = z.object({
  provider: z.string().max(300).optional(),
  apiBaseUrl: z.url().optional(),
});

/** The day's queue as built: how many calls were added now. */
export const reviewQueueBuiltSchema = z.object({
  day: z.string(),
  added: z.number().int(),
  items: z.array(reviewQueueItemSchema),
});
/** The day's queue. */
export const reviewQueueSchema = z.object({ day: z.string(), items: z.array(reviewQueueItemSchema) });
export type ReviewQueue = z.infer<typeof reviewQueueSchema>;

/** The reviewer's next call (claimed under a lock), or nulls when the queue is done. */
export const reviewNextSchema = z.object({
  item: reviewQueueItemSchema.nullable(),
  call: callSchema.nullable(),
  progress: reviewProgressSchema,
});
export type ReviewNext = z.infer<typeof reviewNextSchema>;

/** An annotation as stored, with the dataset item its correction became. */
export const annotatedSchema = z.object({
  annotation: annotationSchema,
  datasetItem: z.object({ dataset: z.string(), id: z.string() }).nullable(),
});

/** Reviewed and failed per day, failure modes by growth, today's reviewers. */
export const reviewStatsSchema = z.object({
  days: z.array(
    z.object({
      day: z.string(),
      reviewed: z.number(),
      failed: z.number(),
      /** Failures per failure mode that day. */
      byTag: z.record(z.string(), z.number()),
    }),
  ),
  /** Each mode's failures in the window, and in its later half minus its earlier half (growth). */
  tags: z.array(z.object({ tag: z.string(), failures: z.number(), growth: z.number() })),
  reviewersToday: z.array(z.string()),
});
export type ReviewStats = z.infer<typeof reviewStatsSchema>;

/** The reminder check's outcome for one project. */
export const reminderOutcomeSchema = z.object({
  projectId: z.string(),
  day: z.string(),
  sent: z.boolean(),
  /** Why nothing was sent, or the webhook's HTTP status. */
  reason: z.enum(["not_yet", "queue_touched", "already_sent", "sent", "webhook_failed"]),
  status: z.number().optional(),
});

/** How an assertion would have judged the calls already reviewed. */
export const backtestSchema = z.object({
  rows: z.array(
    z.object({
      callId: z.string(),
      human: z.enum(verdicts),
      /** What the assertion says; null when it cannot be judged without a model. */
      predicted: z.enum(verdicts).nullable(),
    }),
  ),
  /** Share of judged calls where the assertion agrees with the reviewer (null: none judged). */
  agreement: z.number().nullable(),
  /** Reviewed failures the assertion fails too. */
  caughtFailures: z.number(),
  /** Reviewed passes the assertion would fail. */
  falseFailures: z.number(),
});
export type Backtest = z.infer<typeof backtestSchema>;

/** An assertion proposed for a failed call, with its backtest. */
export const proposalWithBacktestSchema = assertionProposalSchema.extend({ backtest: backtestSchema });
export type ProposalWithBacktest = z.infer<typeof proposalWithBacktestSchema>;

/** The proposals for one failed call. */
export const reviewProposalsSchema = z.object({
  route: z.string().nullable(),
  proposals: z.array(proposalWithBacktestSchema),
});
export type ReviewProposals = z.infer<typeof reviewProposalsSchema>;

/** A route's suite exported: the YAML, its tests, the calls left out and the warnings. */
export const suiteExportSchema = z.object({
  route: z.string(),
  yaml: z.string(),
  tests: z.array(
    z.object({
      callId: z.string(),
      description: z.string(),
      messages: z.array(z.unknown()),
      assert: z.array(
        z.object({
          type: z.string(),
          value: z.unknown().optional(),
          threshold: z.number().optional(),
          metric: z.string().optional(),
          provider: z.unknown().optional(),
        }),
      ),
    }),
  ),
  /** Reviewed calls left out: nothing checks them (no correction, no assertion that holds). */
  skipped: z.array(z.string()),
  warnings: z.array(
    z.object({
      code: z.literal("fails_source_call"),
      assertionId: z.string(),
      callId: z.string(),
      message: z.string(),
    }),
  ),
});
export type SuiteExport = z.infer<typeof suiteExportSchema>;

export const reviewApi = {
  buildQueue: defineEndpoint({
    method: "POST",
    path: "/api/v1/review/queue",
    auth: "secret",
    summary: "builds (or tops up) today's sample: 201 when calls were added, else 200",
    body: reviewQueueCreateSchema,
    response: reviewQueueBuiltSchema,
    statuses: [201, 200],
  }),
  queue: defineEndpoint({
    method: "GET",
    path: "/api/v1/review/queue",
    auth: "secret",
    summary: "the day's queue",
    query: reviewDayQuerySchema,
    response: reviewQueueSchema,
  }),
  next: defineEndpoint({
    method: "GET",
    path: "/api/v1/review/queue/next",
    auth: "secret",
    summary: "claims the reviewer's next call under a lock",
    query: reviewNextQuerySchema,
    response: reviewNextSchema,
  }),
  progress: defineEndpoint({
    method: "GET",
    path: "/api/v1/review/progress",
    auth: "secret",
    summary: "the day's progress and the reviewer's streak",
    query: reviewProgressQuerySchema,
    response: reviewProgressSchema,
  }),
  putReminder: defineEndpoint({
    method: "PUT",
    path: "/api/v1/review/reminder",
    auth: "secret",
    summary: "sets the daily reminder webhook",
    body: reminderSchema,
    response: reminderSchema,
  }),
  deleteReminder: defineEndpoint({
    method: "DELETE",
    path: "/api/v1/review/reminder",
    auth: "secret",
    summary: "removes the reminder",
    response: noContent,
    statuses: [204],
    responseKind: "none",
  }),
  runReminder: defineEndpoint({
    method: "POST",
    path: "/api/v1/review/reminder/run",
    auth: "secret",
    summary: "runs the project's reminder check now",
    response: listOf(reminderOutcomeSchema),
  }),
  stats: defineEndpoint({
    method: "GET",
    path: "/api/v1/review/stats",
    auth: "secret",
    summary: "reviewed and failed per day, failure modes by growth",
    query: reviewStatsQuerySchema,
    response: reviewStatsSchema,
  }),
  annotate: defineEndpoint({
    method: "POST",
    path: "/api/v1/review/annotations",
    auth: "secret",
    summary: "a reviewer's verdict on a call",
    body: annotationInSchema,
    response: annotatedSchema,
    statuses: [201],
  }),
  annotations: defineEndpoint({
    method: "GET",
    path: "/api/v1/review/annotations",
    auth: "secret",
    summary: "annotations, filtered",
    query: annotationsQuerySchema,
    response: listOf(annotationSchema),
  }),
  failureModes: defineEndpoint({
    method: "GET",
    path: "/api/v1/review/failure-modes",
    auth: "secret",
    summary: "the project's failure-mode taxonomy",
    response: listOf(failureModeSchema),
  }),
  createFailureMode: defineEndpoint({
    method: "POST",
    path: "/api/v1/review/failure-modes",
    auth: "secret",
    summary: "adds a failure mode (or answers the one of that name)",
    body: failureModeCreateSchema,
    response: failureModeSchema,
    statuses: [201],
  }),
  renameFailureMode: defineEndpoint({
    method: "PATCH",
    path: "/api/v1/review/failure-modes/:id",
    auth: "secret",
    summary: "renames a failure mode (id or name)",
    params: idParams,
    body: failureModeRenameSchema,
    response: failureModeSchema,
  }),
  mergeFailureMode: defineEndpoint({
    method: "POST",
    path: "/api/v1/review/failure-modes/:id/merge",
    auth: "secret",
    summary: "moves a failure mode's tags into another and deletes it",
    params: idParams,
    body: failureModeMergeSchema,
    response: failureModeSchema,
  }),
  proposals: defineEndpoint({
    method: "GET",
    path: "/api/v1/review/calls/:id/proposals",
    auth: "secret",
    summary: "assertions proposed for a failed call, each backtested",
    params: idParams,
    response: reviewProposalsSchema,
  }),
  backtest: defineEndpoint({
    method: "POST",
    path: "/api/v1/review/backtest",
    auth: "secret",
    summary: "how an assertion would have judged the reviewed calls",
    body: backtestBodySchema,
    response: backtestSchema,
  }),
  addSuiteAssertion: defineEndpoint({
    method: "POST",
    path: "/api/v1/review/suites/:route/assertions",
    auth: "secret",
    summary: "adds an assertion to a route's suite",
    params: routeParams,
    body: suiteAssertionInSchema.omit({ route: true }),
    response: suiteAssertionSchema,
    statuses: [201],
  }),
  suiteAssertions: defineEndpoint({
    method: "GET",
    path: "/api/v1/review/suites/:route/assertions",
    auth: "secret",
    summary: "a route's suite assertions",
    params: routeParams,
    response: listOf(suiteAssertionSchema),
  }),
  exportSuite: defineEndpoint({
    method: "GET",
    path: "/api/v1/review/suites/:route/export",
    auth: "secret",
    summary: "a route's suite as eval YAML, with its tests and warnings (JSON)",
    params: routeParams,
    query: suiteExportQuerySchema,
    response: suiteExportSchema,
  }),
  suiteYaml: defineEndpoint({
    method: "GET",
    path: "/api/v1/review/suites/:file",
    auth: "secret",
    summary: "a route's suite as eval YAML: `:file` is `ROUTE.yaml`",
    params: z.object({ file: z.string().regex(/\.yaml$/, "ask for ROUTE.yaml") }),
    query: suiteExportQuerySchema,
    response: z.string(),
    responseKind: "text",
  }),
} as const;
