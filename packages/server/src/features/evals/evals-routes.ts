/**
 * Stored eval runs:
 * `POST /api/v1/evals/runs` (a run starts), `POST /api/v1/evals/runs/:id/results` (a batch),
 * `PATCH /api/v1/evals/runs/:id` (finish, with the summary tables), `GET /api/v1/evals/runs`
 * (newest first), `GET /api/v1/evals/runs/:id`, `GET /api/v1/evals/runs/:id/results?limit&cursor&failedOnly`
 * and `GET /api/v1/evals/compare?a=&b=&threshold=` (flips, McNemar, deltas).
 */

import { compareEvalRuns } from "@genchi/eval";
import { api, type EvalComparison, type EvalResult, type EvalRun, GenchiError } from "@genchi/spec";
import type { FastifyPluginAsync } from "fastify";
import { mount } from "../../platform/http/mount.js";
import type { Services } from "../../platform/services.js";
import type { Store } from "../../platform/store/store.js";

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
  const runOr404 = async (projectId: string, id: string): Promise<EvalRun> => {
    const run = await store.evals.getRun(projectId, id);
    if (!run)
      throw new GenchiError(
        "GENCHI_NOT_FOUND",
        `no eval run '${id}' in this project; GET /api/v1/evals/runs lists them`,
      );
    return run;
  };

  mount(
    app,
    services,
    api.evals.createRun,
    async ({ principal, body, reply }) =>
      reply.code(201).send(await store.evals.createRun(principal.projectId, body)),
    { example: '{"description":"categorize","providers":["openai:chat:gpt-4o-mini"]}' },
  );

  mount(
    app,
    services,
    api.evals.appendResults,
    async ({ principal, params, body: { results } }) => {
      const stored = await store.evals.appendResults(principal.projectId, params.id, results);
      if (stored === null) await runOr404(principal.projectId, params.id);
      return { stored: results.length, total: stored ?? 0 };
    },
    {
      example:
        '{"results":[{"description":"case 1","vars":{},"provider":"p","pass":true,"score":1,"output":"…","error":null}]}',
    },
  );

  mount(
    app,
    services,
    api.evals.finishRun,
    async ({ principal, params, body }) =>
      (await store.evals.finishRun(principal.projectId, params.id, body)) ??
      runOr404(principal.projectId, params.id),
    { example: '{"status":"finished"}' },
  );

  mount(app, services, api.evals.runs, async ({ principal, query }) =>
    store.evals.listRuns(principal.projectId, query),
  );

  mount(app, services, api.evals.run, async ({ principal, params }) =>
    runOr404(principal.projectId, params.id),
  );

  mount(app, services, api.evals.results, async ({ principal, params, query }) => {
    await runOr404(principal.projectId, params.id);
    return store.evals.listResults(principal.projectId, params.id, query);
  });

  mount(
    app,
    services,
    api.evals.compare,
    async ({ principal, query }) => {
      const projectId = principal.projectId;
      const [a, b] = await Promise.all([runOr404(projectId, query.a), runOr404(projectId, query.b)]);
      const [ra, rb] = await Promise.all([
        allResults(store, projectId, a.id),
        allResults(store, projectId, b.id),
      ]);
      const comparison: EvalComparison = compareEvalRuns(ra, rb, query.threshold);
      return { a, b, comparison };
    },
    { example: "?a=RUN_ID&b=RUN_ID" },
  );
};
