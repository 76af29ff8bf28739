/** Stored eval runs: start, append results, finish, list, get, page results, compare two. */
import { z } from "zod";
import {
  evalResultsBatchSchema,
  evalResultsPageSchema,
  evalResultsQuerySchema,
  evalRunComparisonSchema,
  evalRunCreateSchema,
  evalRunFinishSchema,
  evalRunSchema,
  evalRunsPageSchema,
  evalRunsQuerySchema,
} from "../eval-run.js";
import { defineEndpoint } from "./endpoint.js";
import { idParams } from "./shared-shapes.js";

/** `GET /api/v1/evals/compare` query: run A (before), run B (after), the pass-rate drop allowed. */
export const evalCompareQuerySchema = z.object({
  a: z.string().min(1, "name run A: ?a=RUN_ID&b=RUN_ID"),
  b: z.string().min(1, "name run B: ?a=RUN_ID&b=RUN_ID"),
  threshold: z.coerce.number().min(0).default(0),
});

export const evalsApi = {
  createRun: defineEndpoint({
    method: "POST",
    path: "/api/v1/evals/runs",
    auth: "secret",
    summary: "a run starts",
    body: evalRunCreateSchema,
    response: evalRunSchema,
    statuses: [201],
  }),
  appendResults: defineEndpoint({
    method: "POST",
    path: "/api/v1/evals/runs/:id/results",
    auth: "secret",
    summary: "a batch of results, appended in order",
    params: idParams,
    body: evalResultsBatchSchema,
    response: z.object({ stored: z.number().int(), total: z.number().int() }),
  }),
  finishRun: defineEndpoint({
    method: "PATCH",
    path: "/api/v1/evals/runs/:id",
    auth: "secret",
    summary: "the run ends, with its summary tables",
    params: idParams,
    body: evalRunFinishSchema,
    response: evalRunSchema,
  }),
  runs: defineEndpoint({
    method: "GET",
    path: "/api/v1/evals/runs",
    auth: "secret",
    summary: "runs, newest first, paged by cursor",
    query: evalRunsQuerySchema,
    response: evalRunsPageSchema,
  }),
  run: defineEndpoint({
    method: "GET",
    path: "/api/v1/evals/runs/:id",
    auth: "secret",
    summary: "one run",
    params: idParams,
    response: evalRunSchema,
  }),
  results: defineEndpoint({
    method: "GET",
    path: "/api/v1/evals/runs/:id/results",
    auth: "secret",
    summary: "a run's results in order, paged by cursor (failedOnly for the failures)",
    params: idParams,
    query: evalResultsQuerySchema,
    response: evalResultsPageSchema,
  }),
  compare: defineEndpoint({
    method: "GET",
    path: "/api/v1/evals/compare",
    auth: "secret",
    summary: "run A against run B: flips, McNemar, deltas, the gate",
    query: evalCompareQuerySchema,
    response: evalRunComparisonSchema,
  }),
} as const;
