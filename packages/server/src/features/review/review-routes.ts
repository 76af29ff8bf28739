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
import { api, GenchiError } from "@genchi/spec";
import type { FastifyPluginAsync } from "fastify";
import { mount } from "../../platform/http/mount.js";
import type { Services } from "../../platform/services.js";
import { utcDay } from "./review-service.js";

export const reviewRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { store } = services;
  // `reminders` runs the check now; the scheduled job is started with the server.
  const { service: review, reminders } = services.review;
  const modeOr404 = async (projectId: string, idOrName: string) => {
    const mode = await store.review.getFailureMode(projectId, idOrName);
    if (!mode) throw new GenchiError("GENCHI_NOT_FOUND", `no failure mode '${idOrName}' in this project`);
    return mode;
  };

  mount(
    app,
    services,
    api.review.buildQueue,
    async ({ principal, body, reply }) => {
      const built = await review.buildQueue(principal.projectId, body);
      return reply.code(built.added > 0 ? 201 : 200).send(built);
    },
    { example: '{"size":30,"seed":7}' },
  );

  mount(app, services, api.review.queue, async ({ principal, query: { day } }) => {
    const d = day ?? utcDay();
    return { day: d, items: await store.review.listQueue(principal.projectId, d) };
  });

  mount(
    app,
    services,
    api.review.next,
    async ({ principal, query: q }) =>
      review.next(principal.projectId, q.reviewer, q.day ?? utcDay(), q.lockSeconds * 1000),
    { example: "?reviewer=ana" },
  );

  mount(
    app,
    services,
    api.review.progress,
    async ({ principal, query: q }) => review.progress(principal.projectId, q.reviewer, q.day ?? utcDay()),
    { example: "?reviewer=ana" },
  );

  mount(
    app,
    services,
    api.review.putReminder,
    async ({ principal, body }) => {
      await store.review.putReminder(principal.projectId, body);
      return body;
    },
    { example: '{"webhookUrl":"https://hooks.slack.com/services/…","hourUtc":15}' },
  );

  mount(app, services, api.review.deleteReminder, async ({ principal, reply }) => {
    await store.review.putReminder(principal.projectId, null);
    return reply.code(204).send();
  });

  /** Runs the project's reminder check now (the server also checks every minute). */
  mount(app, services, api.review.runReminder, async ({ principal }) => ({
    data: await reminders.runOnce(new Date(), principal.projectId),
  }));

  mount(
    app,
    services,
    api.review.stats,
    async ({ principal, query: { days } }) => review.stats(principal.projectId, days),
    { example: "?days=14" },
  );

  mount(
    app,
    services,
    api.review.annotate,
    async ({ principal, body, reply }) =>
      reply.code(201).send(await review.annotate(principal.projectId, body)),
    {
      example:
        '{"callId":"…","reviewer":"ana","verdict":"fail","tags":["refusal"],"note":"refused a billing question"}',
    },
  );

  mount(app, services, api.review.annotations, async ({ principal, query: q }) => {
    const filter = {
      limit: q.limit,
      ...(q.callId !== undefined ? { callId: q.callId } : {}),
      ...(q.reviewer !== undefined ? { reviewer: q.reviewer } : {}),
      ...(q.verdict !== undefined ? { verdict: q.verdict } : {}),
    };
    return { data: await store.review.listAnnotations(principal.projectId, filter) };
  });

  mount(app, services, api.review.failureModes, async ({ principal }) => ({
    data: await store.review.listFailureModes(principal.projectId),
  }));

  mount(
    app,
    services,
    api.review.createFailureMode,
    async ({ principal, body, reply }) =>
      reply
        .code(201)
        .send(await store.review.ensureFailureMode(principal.projectId, body.name, body.description)),
    { example: '{"name":"refusal"}' },
  );

  mount(
    app,
    services,
    api.review.renameFailureMode,
    async ({ principal: { projectId }, params, body }) => {
      const mode = await modeOr404(projectId, params.id);
      return store.review.renameFailureMode(projectId, mode.id, body.name);
    },
    { example: '{"name":"refuses"}' },
  );

  mount(
    app,
    services,
    api.review.mergeFailureMode,
    async ({ principal: { projectId }, params, body }) => {
      const from = await modeOr404(projectId, params.id);
      const into = await modeOr404(projectId, body.into);
      if (from.id === into.id)
        throw new GenchiError("GENCHI_VALIDATION", `cannot merge '${from.name}' into itself`, {
          field: "into",
        });
      return store.review.mergeFailureModes(projectId, from.id, into.id);
    },
    { example: '{"into":"refusal"}' },
  );

  mount(app, services, api.review.proposals, async ({ principal, params }) =>
    review.proposals(principal.projectId, params.id),
  );

  mount(
    app,
    services,
    api.review.backtest,
    async ({ principal, body }) => review.backtest(principal.projectId, body.route, body.assert),
    { example: '{"route":"categorize","assert":{"type":"regex","value":"^billing$"}}' },
  );

  mount(
    app,
    services,
    api.review.addSuiteAssertion,
    async ({ principal, params, body, reply }) =>
      reply
        .code(201)
        .send(await review.addSuiteAssertion(principal.projectId, { ...body, route: params.route })),
    { example: '{"description":"no apology","assert":{"type":"not-contains","value":"sorry"}}' },
  );

  mount(app, services, api.review.suiteAssertions, async ({ principal, params }) => ({
    data: await store.review.listSuiteAssertions(principal.projectId, params.route),
  }));

  const exportOptions = (q: { provider?: string | undefined; apiBaseUrl?: string | undefined }) => ({
    ...(q.provider !== undefined ? { provider: q.provider } : {}),
    ...(q.apiBaseUrl !== undefined ? { apiBaseUrl: q.apiBaseUrl } : {}),
  });
  const exportExample = "?provider=openai:chat:gpt-4o-mini";

  /** The export as JSON: the YAML, its tests, the calls left out and the warnings. */
  mount(
    app,
    services,
    api.review.exportSuite,
    async ({ principal, params, query }) =>
      review.exportSuite(principal.projectId, params.route, exportOptions(query)),
    { example: exportExample },
  );

  mount(
    app,
    services,
    api.review.suiteYaml,
    async ({ principal, params: { file }, query, reply }) => {
      const exported = await review.exportSuite(
        principal.projectId,
        file.slice(0, -".yaml".length),
        exportOptions(query),
      );
      return reply
        .header("x-genchi-warnings", String(exported.warnings.length))
        .type("application/yaml; charset=utf-8")
        .send(exported.yaml);
    },
    {
      example: exportExample,
      beforeParse: (request) => {
        const { file } = request.params as { file: string };
        if (!file.endsWith(".yaml"))
          throw new GenchiError("GENCHI_NOT_FOUND", `ask for /api/v1/review/suites/${file}.yaml`);
      },
    },
  );
};
