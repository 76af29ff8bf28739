/**
 * Drift: a report on demand, stored reports (run and store one, list, get), and the holdout
 * refresh of a dataset from recent production calls.
 */
import { z } from "zod";
import { datasetSchema } from "../dataset.js";
import { driftReportSchema, driftRequestSchema } from "../drift-report.js";
import { defineEndpoint } from "./endpoint.js";
import { idParams, listOf } from "./shared-shapes.js";

/** A stored report's summary as the API lists it. */
export const storedDriftReportSummarySchema = z.object({
  id: z.string(),
  route: z.string(),
  /** The UTC day a daily report covers (`2026-11-27`); null for on-demand reports. */
  day: z.string().nullable(),
  baseline: z.string(),
  status: z.enum(["running", "done", "failed"]),
  drifted: z.boolean().nullable(),
  baselineCount: z.number().nullable(),
  currentCount: z.number().nullable(),
  /** Descriptors flagged (and uncovered topics), for the list. */
  flagged: z.array(z.string()),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type StoredDriftReportSummary = z.infer<typeof storedDriftReportSummarySchema>;

/** A stored report with the report itself (null while running or after a failure). */
export const storedDriftReportSchema = storedDriftReportSummarySchema.extend({
  report: driftReportSchema.nullable(),
});
export type StoredDriftReport = z.infer<typeof storedDriftReportSchema>;

/** `GET /api/v1/drift/reports` query. */
export const driftReportsQuerySchema = z.object({
  route: z.string().min(1).max(512).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** `POST /api/v1/drift/reports` body: a route's window against a baseline dataset. */
export const driftStoreReportSchema = z
  .object({
    route: z.string().min(1).max(512),
    /** The baseline dataset (id or name). */
    baselineDataset: z.string().min(1).max(200),
    since: z.string().min(1).max(64).default("24h"),
    until: z.string().min(1).max(64).optional(),
    limit: z.number().int().min(1).max(50_000).default(5_000),
    semantic: z.boolean().default(false),
    seed: z.number().int().min(0).default(1),
  })
  .strict();

/** `POST /api/v1/datasets/:id/refresh` body. */
export const holdoutRefreshSchema = z
  .object({
    route: z.string().min(1).max(512),
    n: z.number().int().min(1).max(10_000).default(200),
    since: z.string().min(1).max(64).default("7d"),
    until: z.string().min(1).max(64).optional(),
    semantic: z.boolean().default(true),
    seed: z.number().int().min(0).default(1),
    scan: z.number().int().min(1).max(50_000).default(2_000),
  })
  .strict();

/** What a holdout refresh did: the strata, what it picked and what it stored. */
export const holdoutRefreshResultSchema = z.object({
  dataset: datasetSchema,
  stratifiedBy: z.enum(["semantic", "structural"]),
  /** Why the strata are structural, when an embedder was asked for and failed. */
  note: z.string().nullable(),
  scanned: z.number(),
  duplicatesRemoved: z.number(),
  strata: z.array(z.object({ key: z.string(), calls: z.number(), picked: z.number() })),
  stored: z.number(),
  alreadyThere: z.number(),
  items: z.array(z.object({ callId: z.string(), stratum: z.string() })),
});
export type HoldoutRefreshResult = z.infer<typeof holdoutRefreshResultSchema>;

export const driftApi = {
  run: defineEndpoint({
    method: "POST",
    path: "/api/v1/drift",
    auth: "secret",
    summary: "a DriftReport: a baseline (dataset or calls) against a window of production calls",
    body: driftRequestSchema,
    response: driftReportSchema,
  }),
  storeReport: defineEndpoint({
    method: "POST",
    path: "/api/v1/drift/reports",
    auth: "secret",
    summary: "runs a report and stores it",
    body: driftStoreReportSchema,
    response: storedDriftReportSchema,
    statuses: [201],
  }),
  reports: defineEndpoint({
    method: "GET",
    path: "/api/v1/drift/reports",
    auth: "secret",
    summary: "stored reports' summaries, newest first",
    query: driftReportsQuerySchema,
    response: listOf(storedDriftReportSummarySchema),
  }),
  report: defineEndpoint({
    method: "GET",
    path: "/api/v1/drift/reports/:id",
    auth: "secret",
    summary: "one stored report",
    params: idParams,
    response: storedDriftReportSchema,
  }),
  refreshHoldout: defineEndpoint({
    method: "POST",
    path: "/api/v1/datasets/:id/refresh",
    auth: "secret",
    summary: "adds recent production calls to a holdout dataset, stratified",
    params: idParams,
    body: holdoutRefreshSchema,
    response: holdoutRefreshResultSchema,
    statuses: [201],
  }),
} as const;
