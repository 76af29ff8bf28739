/**
 * Stored eval runs:
 * `POST /api/v1/evals/runs` (a run starts), `POST /api/v1/evals/runs/:id/results` (a batch),
 * `PATCH /api/v1/evals/runs/:id` (finish, with the summary tables), `GET /api/v1/evals/runs`
 * (newest first), `GET /api/v1/evals/runs/:id`, `GET /api/v1/evals/runs/:id/results?limit&cursor&failedOnly`
 * and `GET /api/v1/evals/compare?a=&b=&threshold=` (flips, McNemar, deltas).
 */

import { compareEvalRuns } from "@genchi/eval";
import {
  type EvalComparison,
  type EvalResult,
  type EvalRun,
  type EvalRunComparison,
  evalResultsBatchSchema,
  evalResultsQuerySchema,
  evalRunCreateSchema,
  evalRunFinishSchema,
  evalRunsQuerySchema,
  GenchiError,
} from "@genchi/spec";
import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import { z } from "zod";
import { Authenticator } from "../../platform/http/authenticator.js";
import { parseInput } from "../../platform/http/parse-input.js";
import type { Services } from "../../platform/services.js";
import type { Store } from "../../platform/store/store.js";

type Params = { Params: { id: string } };

const compareQuery = z.object({
  a: z.string().min(1, "name run A: ?a=RUN_ID&b=RUN_ID"),
  b: z.string().min(1, "name run B: ?a=RUN_ID&b=RUN_ID"),
  threshold: z.coerce.number().min(0).default(0),
});

/** Every result of a run, page by page. */
async function allResults(store: Store, projectId: string, runId: string): Promise<EvalResult[]> {
  const out: EvalResult[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.evals.listResults(projectId, runId, {
      limit: 5000,
      failedOnly: false,
      ...(cursor !== undefined ? { cursor } : {}),
    });
    for (const { index: _index, ...r } of page.data) out.push(r);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return out;
}

export const evalsRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { store } = services;
  const projectOf = async (request: FastifyRequest) =>
    (await services.auth.authenticate(Authenticator.keyOf(request))).projectId;
  const runOr404 = async (projectId: string, id: string): Promise<EvalRun> => {
    const run = await store.evals.getRun(projectId, id);
    if (!run)
      throw new GenchiError(
        "GENCHI_NOT_FOUND",
        `no eval run '${id}' in this project; GET /api/v1/evals/runs lists them`,
      );
    return run;
  };

  app.post("/api/v1/evals/runs", async (request, reply) => {
    const projectId = await projectOf(request);
    const body = parseInput(
      evalRunCreateSchema,
      request.body,
      "body",
      '{"description":"categorize","providers":["openai:chat:gpt-4o-mini"]}',
    );
    return reply.code(201).send(await store.evals.createRun(projectId, body));
  });

  app.post<Params>("/api/v1/evals/runs/:id/results", async (request) => {
    const projectId = await projectOf(request);
    const { results } = parseInput(
      evalResultsBatchSchema,
      request.body,
      "body",
      '{"results":[{"description":"case 1","vars":{},"provider":"p","pass":true,"score":1,"output":"…","error":null}]}',
    );
    const stored = await store.evals.appendResults(projectId, request.params.id, results);
    if (stored === null) await runOr404(projectId, request.params.id);
    return { stored: results.length, total: stored };
  });

  app.patch<Params>("/api/v1/evals/runs/:id", async (request) => {
    const projectId = await projectOf(request);
    const body = parseInput(evalRunFinishSchema, request.body, "body", '{"status":"finished"}');
    return (
      (await store.evals.finishRun(projectId, request.params.id, body)) ??
      runOr404(projectId, request.params.id)
    );
  });

  app.get("/api/v1/evals/runs", async (request) => {
    const projectId = await projectOf(request);
    return store.evals.listRuns(projectId, parseInput(evalRunsQuerySchema, request.query, "query"));
  });

  app.get<Params>("/api/v1/evals/runs/:id", async (request) => {
    const projectId = await projectOf(request);
    return runOr404(projectId, request.params.id);
  });

  app.get<Params>("/api/v1/evals/runs/:id/results", async (request) => {
    const projectId = await projectOf(request);
    const query = parseInput(evalResultsQuerySchema, request.query, "query");
    await runOr404(projectId, request.params.id);
    return store.evals.listResults(projectId, request.params.id, query);
  });

  app.get("/api/v1/evals/compare", async (request): Promise<EvalRunComparison> => {
    const projectId = await projectOf(request);
    const q = parseInput(compareQuery, request.query, "query", "?a=RUN_ID&b=RUN_ID");
    const [a, b] = await Promise.all([runOr404(projectId, q.a), runOr404(projectId, q.b)]);
    const [ra, rb] = await Promise.all([
      allResults(store, projectId, a.id),
      allResults(store, projectId, b.id),
    ]);
    const comparison: EvalComparison = compareEvalRuns(ra, rb, q.threshold);
    return { a, b, comparison };
  });
};
