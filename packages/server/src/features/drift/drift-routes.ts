/**
 * `POST /api/v1/drift`: a DriftReport for a baseline (a stored dataset, or calls in the body)
 * against a window of production calls. Semantic drift is opt-in (`semantic: true`): the
 * offline model embeds up to `sample` texts per side, cached on disk (`.genchi/cache/embeddings`);
 * the embedder is the services' one, shared with the daily drift job.
 * Stored reports: `POST /api/v1/drift/reports` (run and store one), `GET /api/v1/drift/reports?route=`,
 * `GET /api/v1/drift/reports/:id`; the daily job per configured route (`drift/daily-drift-job.ts`) is
 * started with the server.
 * Holdout refresh: `POST /api/v1/datasets/:id/refresh {route, n, since}`.
 */
import { api, GenchiError } from "@genchi/spec";
import type { FastifyPluginAsync } from "fastify";
import { mount } from "../../platform/http/mount.js";
import type { Services } from "../../platform/services.js";
import { datasetRecords, windowRecords } from "./drift-sources.js";
import type { DriftRecord } from "./read-drift-file.js";
import { refreshHoldout } from "./refresh-holdout.js";
import { runDrift } from "./run-drift.js";
import { sinceInstant } from "./since-window.js";

export const driftRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  // The services' one embedder: the daily drift job embeds through it (and its cache) too.
  const { embedder } = services.drift;
  mount(
    app,
    services,
    api.drift.run,
    async ({ principal, body }) => {
      const baseline: DriftRecord[] =
        "dataset" in body.baseline
          ? await datasetRecords(services.store, principal.projectId, body.baseline.dataset)
          : body.baseline.calls.map((c) => ({ input: c.input, output: c.output }));
      const current = await windowRecords(services.store, principal.projectId, body.current);
      return runDrift(baseline, current, {
        embedder: body.semantic ? embedder : undefined,
        sample: body.sample,
        seed: body.seed,
      });
    },
    {
      route: { bodyLimit: 64 * 1024 * 1024 },
      field: "always",
      emptyBody: "as-is",
    },
  );

  mount(
    app,
    services,
    api.drift.storeReport,
    async ({ principal: { projectId }, body, reply }) => {
      const baseline = await datasetRecords(services.store, projectId, body.baselineDataset);
      const current = await windowRecords(services.store, projectId, {
        route: body.route,
        since: sinceInstant(body.since),
        until: body.until ? sinceInstant(body.until) : undefined,
        limit: body.limit,
      });
      const report = await runDrift(baseline, current, {
        embedder: body.semantic ? embedder : undefined,
        seed: body.seed,
      });
      return reply
        .code(201)
        .send(await services.store.driftReports.insert(projectId, body.route, body.baselineDataset, report));
    },
    { example: '{"route":"categorize","baselineDataset":"categorize-baseline","since":"3d"}' },
  );

  mount(app, services, api.drift.reports, async ({ principal, query }) => ({
    data: await services.store.driftReports.list(principal.projectId, query),
  }));

  mount(app, services, api.drift.report, async ({ principal, params }) => {
    const stored = await services.store.driftReports.get(principal.projectId, params.id);
    if (!stored)
      throw new GenchiError(
        "GENCHI_NOT_FOUND",
        `no drift report '${params.id}' in this project; GET /api/v1/drift/reports lists them`,
      );
    return stored;
  });

  mount(
    app,
    services,
    api.drift.refreshHoldout,
    async ({ principal, params, body, reply }) => {
      const result = await refreshHoldout(services.store, principal.projectId, {
        route: body.route,
        n: body.n,
        since: sinceInstant(body.since),
        until: body.until ? sinceInstant(body.until) : undefined,
        dataset: params.id,
        seed: body.seed,
        scan: body.scan,
        embedder: body.semantic ? embedder : null,
      });
      return reply.code(201).send(result);
    },
    { example: '{"route":"categorize","n":200,"since":"7d"}' },
  );
};
