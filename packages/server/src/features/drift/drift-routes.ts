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
import { type DriftReport, driftRequestSchema, GenchiError } from "@genchi/spec";
import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { Authenticator } from "../../platform/http/authenticator.js";
import { parseInput } from "../../platform/http/parse-input.js";
import type { Services } from "../../platform/services.js";
import { datasetRecords, windowRecords } from "./drift-sources.js";
import type { DriftRecord } from "./read-drift-file.js";
import { refreshHoldout } from "./refresh-holdout.js";
import { runDrift } from "./run-drift.js";
import { sinceInstant } from "./since-window.js";

const reportsQuerySchema = z.object({
  route: z.string().min(1).max(512).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

const storeReportSchema = z
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

const refreshSchema = z
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

export const driftRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  // The services' one embedder: the daily drift job embeds through it (and its cache) too.
  const { embedder } = services.drift;
  app.post("/api/v1/drift", { bodyLimit: 64 * 1024 * 1024 }, async (request): Promise<DriftReport> => {
    const principal = await services.auth.authenticate(Authenticator.keyOf(request));
    const parsed = driftRequestSchema.safeParse(request.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new GenchiError("GENCHI_VALIDATION", `${issue.path.join(".") || "body"}: ${issue.message}`, {
        field: issue.path.join("."),
      });
    }
    const body = parsed.data;
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
  });

  const projectOf = async (request: Parameters<typeof Authenticator.keyOf>[0]) =>
    (await services.auth.authenticate(Authenticator.keyOf(request))).projectId;

  app.post("/api/v1/drift/reports", async (request, reply) => {
    const projectId = await projectOf(request);
    const body = parseInput(
      storeReportSchema,
      request.body,
      "body",
      '{"route":"categorize","baselineDataset":"categorize-baseline","since":"3d"}',
    );
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
  });

  app.get("/api/v1/drift/reports", async (request) => {
    const projectId = await projectOf(request);
    const query = parseInput(reportsQuerySchema, request.query, "query");
    return { data: await services.store.driftReports.list(projectId, query) };
  });

  app.get<{ Params: { id: string } }>("/api/v1/drift/reports/:id", async (request) => {
    const projectId = await projectOf(request);
    const stored = await services.store.driftReports.get(projectId, request.params.id);
    if (!stored)
      throw new GenchiError(
        "GENCHI_NOT_FOUND",
        `no drift report '${request.params.id}' in this project; GET /api/v1/drift/reports lists them`,
      );
    return stored;
  });

  app.post<{ Params: { id: string } }>("/api/v1/datasets/:id/refresh", async (request, reply) => {
    const projectId = await projectOf(request);
    const body = parseInput(
      refreshSchema,
      request.body,
      "body",
      '{"route":"categorize","n":200,"since":"7d"}',
    );
    const result = await refreshHoldout(services.store, projectId, {
      route: body.route,
      n: body.n,
      since: sinceInstant(body.since),
      until: body.until ? sinceInstant(body.until) : undefined,
      dataset: request.params.id,
      seed: body.seed,
      scan: body.scan,
      embedder: body.semantic ? embedder : null,
    });
    return reply.code(201).send(result);
  });
};
