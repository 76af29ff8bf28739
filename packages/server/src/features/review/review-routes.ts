/**
 * The review queue: `POST /api/v1/review/queue` (build today's sample), `GET /api/v1/review/queue`,
 * `GET /api/v1/review/queue/next?reviewer=` (claim a call under a lock), `GET /api/v1/review/progress`,
 * `POST|GET /api/v1/review/annotations`, `GET /api/v1/review/stats?days=`, the reminder
 * (`PUT|DELETE /api/v1/review/reminder`, `POST /api/v1/review/reminder/run`), failure modes (`GET|POST /api/v1/review/failure-modes`,
 * `PATCH …/:id` rename, `POST …/:id/merge`), proposals (`GET /api/v1/review/calls/:id/proposals`,
 * `POST /api/v1/review/backtest`) and suites (`POST|GET /api/v1/review/suites/:route/assertions`,
 * `GET /api/v1/review/suites/:route.yaml`, and the same export as JSON with its warnings:
 * `GET /api/v1/review/suites/:route/export`).
 */
import {
  annotationInSchema,
  failureModeCreateSchema,
  failureModeMergeSchema,
  failureModeRenameSchema,
  GenchiError,
  reviewNextQuerySchema,
  reviewQueueCreateSchema,
  suiteAssertionInSchema,
  verdicts,
} from "@genchi/spec";
import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import { z } from "zod";
import { Authenticator } from "../../platform/http/authenticator.js";
import { parseInput } from "../../platform/http/parse-input.js";
import type { Services } from "../../platform/services.js";
import { utcDay } from "./review-service.js";

const dayQuery = z.object({
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "a day is YYYY-MM-DD")
    .optional(),
});
const progressQuery = dayQuery.extend({ reviewer: z.string().min(1).max(200) });
const annotationsQuery = z.object({
  callId: z.string().max(200).optional(),
  reviewer: z.string().max(200).optional(),
  verdict: z.enum(verdicts).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(200),
});
const backtestBody = z.object({
  route: z.string().max(512).nullable(),
  assert: z.object({ type: z.string().min(1).max(100), value: z.unknown().optional() }),
});
const statsQuery = z.object({ days: z.coerce.number().int().min(1).max(365).default(14) });
const reminderBody = z.object({ webhookUrl: z.url(), hourUtc: z.number().int().min(0).max(23) });
const exportQuery = z.object({ provider: z.string().max(300).optional(), apiBaseUrl: z.url().optional() });

export const reviewRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { store } = services;
  // `reminders` runs the check now; the scheduled job is started with the server.
  const { service: review, reminders } = services.review;
  const projectOf = async (request: FastifyRequest) =>
    (await services.auth.authenticate(Authenticator.keyOf(request))).projectId;
  const modeOr404 = async (projectId: string, idOrName: string) => {
    const mode = await store.review.getFailureMode(projectId, idOrName);
    if (!mode) throw new GenchiError("GENCHI_NOT_FOUND", `no failure mode '${idOrName}' in this project`);
    return mode;
  };

  app.post("/api/v1/review/queue", async (request, reply) => {
    const projectId = await projectOf(request);
    const body = parseInput(reviewQueueCreateSchema, request.body, "body", '{"size":30,"seed":7}');
    const built = await review.buildQueue(projectId, body);
    return reply.code(built.added > 0 ? 201 : 200).send(built);
  });

  app.get("/api/v1/review/queue", async (request) => {
    const projectId = await projectOf(request);
    const { day } = parseInput(dayQuery, request.query, "query");
    const d = day ?? utcDay();
    return { day: d, items: await store.review.listQueue(projectId, d) };
  });

  app.get("/api/v1/review/queue/next", async (request) => {
    const projectId = await projectOf(request);
    const q = parseInput(reviewNextQuerySchema, request.query, "query", "?reviewer=ana");
    return review.next(projectId, q.reviewer, q.day ?? utcDay(), q.lockSeconds * 1000);
  });

  app.get("/api/v1/review/progress", async (request) => {
    const projectId = await projectOf(request);
    const q = parseInput(progressQuery, request.query, "query", "?reviewer=ana");
    return review.progress(projectId, q.reviewer, q.day ?? utcDay());
  });

  app.put("/api/v1/review/reminder", async (request) => {
    const projectId = await projectOf(request);
    const body = parseInput(
      reminderBody,
      request.body,
      "body",
      '{"webhookUrl":"https://hooks.slack.com/services/…","hourUtc":15}',
    );
    await store.review.putReminder(projectId, body);
    return body;
  });

  app.delete("/api/v1/review/reminder", async (request, reply) => {
    const projectId = await projectOf(request);
    await store.review.putReminder(projectId, null);
    return reply.code(204).send();
  });

  /** Runs the project's reminder check now (the server also checks every minute). */
  app.post("/api/v1/review/reminder/run", async (request) => {
    const projectId = await projectOf(request);
    return { data: await reminders.runOnce(new Date(), projectId) };
  });

  app.get("/api/v1/review/stats", async (request) => {
    const projectId = await projectOf(request);
    const { days } = parseInput(statsQuery, request.query, "query", "?days=14");
    return review.stats(projectId, days);
  });

  app.post("/api/v1/review/annotations", async (request, reply) => {
    const projectId = await projectOf(request);
    const body = parseInput(
      annotationInSchema,
      request.body,
      "body",
      '{"callId":"…","reviewer":"ana","verdict":"fail","tags":["refusal"],"note":"refused a billing question"}',
    );
    return reply.code(201).send(await review.annotate(projectId, body));
  });

  app.get("/api/v1/review/annotations", async (request) => {
    const projectId = await projectOf(request);
    const q = parseInput(annotationsQuery, request.query, "query");
    const filter = {
      limit: q.limit,
      ...(q.callId !== undefined ? { callId: q.callId } : {}),
      ...(q.reviewer !== undefined ? { reviewer: q.reviewer } : {}),
      ...(q.verdict !== undefined ? { verdict: q.verdict } : {}),
    };
    return { data: await store.review.listAnnotations(projectId, filter) };
  });

  app.get("/api/v1/review/failure-modes", async (request) => {
    const projectId = await projectOf(request);
    return { data: await store.review.listFailureModes(projectId) };
  });

  app.post("/api/v1/review/failure-modes", async (request, reply) => {
    const projectId = await projectOf(request);
    const body = parseInput(failureModeCreateSchema, request.body, "body", '{"name":"refusal"}');
    return reply.code(201).send(await store.review.ensureFailureMode(projectId, body.name, body.description));
  });

  app.patch<{ Params: { id: string } }>("/api/v1/review/failure-modes/:id", async (request) => {
    const projectId = await projectOf(request);
    const body = parseInput(failureModeRenameSchema, request.body, "body", '{"name":"refuses"}');
    const mode = await modeOr404(projectId, request.params.id);
    return store.review.renameFailureMode(projectId, mode.id, body.name);
  });

  app.post<{ Params: { id: string } }>("/api/v1/review/failure-modes/:id/merge", async (request) => {
    const projectId = await projectOf(request);
    const body = parseInput(failureModeMergeSchema, request.body, "body", '{"into":"refusal"}');
    const from = await modeOr404(projectId, request.params.id);
    const into = await modeOr404(projectId, body.into);
    if (from.id === into.id)
      throw new GenchiError("GENCHI_VALIDATION", `cannot merge '${from.name}' into itself`, {
        field: "into",
      });
    return store.review.mergeFailureModes(projectId, from.id, into.id);
  });

  app.get<{ Params: { id: string } }>("/api/v1/review/calls/:id/proposals", async (request) => {
    const projectId = await projectOf(request);
    return review.proposals(projectId, request.params.id);
  });

  app.post("/api/v1/review/backtest", async (request) => {
    const projectId = await projectOf(request);
    const body = parseInput(
      backtestBody,
      request.body,
      "body",
      '{"route":"categorize","assert":{"type":"regex","value":"^billing$"}}',
    );
    return review.backtest(projectId, body.route, body.assert);
  });

  app.post<{ Params: { route: string } }>(
    "/api/v1/review/suites/:route/assertions",
    async (request, reply) => {
      const projectId = await projectOf(request);
      const body = parseInput(
        suiteAssertionInSchema,
        { ...(request.body as object), route: request.params.route },
        "body",
        '{"description":"no apology","assert":{"type":"not-contains","value":"sorry"}}',
      );
      return reply.code(201).send(await review.addSuiteAssertion(projectId, body));
    },
  );

  app.get<{ Params: { route: string } }>("/api/v1/review/suites/:route/assertions", async (request) => {
    const projectId = await projectOf(request);
    return { data: await store.review.listSuiteAssertions(projectId, request.params.route) };
  });

  const exportOptions = (request: FastifyRequest) => {
    const q = parseInput(exportQuery, request.query, "query", "?provider=openai:chat:gpt-4o-mini");
    return {
      ...(q.provider !== undefined ? { provider: q.provider } : {}),
      ...(q.apiBaseUrl !== undefined ? { apiBaseUrl: q.apiBaseUrl } : {}),
    };
  };

  /** The export as JSON: the YAML, its tests, the calls left out and the warnings. */
  app.get<{ Params: { route: string } }>("/api/v1/review/suites/:route/export", async (request) => {
    const projectId = await projectOf(request);
    return review.exportSuite(projectId, request.params.route, exportOptions(request));
  });

  app.get<{ Params: { file: string } }>("/api/v1/review/suites/:file", async (request, reply) => {
    const projectId = await projectOf(request);
    const { file } = request.params;
    if (!file.endsWith(".yaml"))
      throw new GenchiError("GENCHI_NOT_FOUND", `ask for /api/v1/review/suites/${file}.yaml`);
    const exported = await review.exportSuite(
      projectId,
      file.slice(0, -".yaml".length),
      exportOptions(request),
    );
    return reply
      .header("x-genchi-warnings", String(exported.warnings.length))
      .type("application/yaml; charset=utf-8")
      .send(exported.yaml);
  });
};
