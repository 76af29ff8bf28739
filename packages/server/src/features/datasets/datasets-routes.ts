/**
 * Datasets of eval inputs: `POST /api/v1/datasets` (create, or get the one of that name),
 * `GET /api/v1/datasets`, `GET /api/v1/datasets/:id` (id or name),
 * `POST /api/v1/datasets/:id/items` (idempotent on item id), `GET /api/v1/datasets/:id/items?limit&cursor`
 * and `POST /api/v1/datasets/:id/items/from-feedback` (end users' corrections, accepts and regenerations).
 */
import {
  type Dataset,
  datasetCreateSchema,
  datasetItemsBatchSchema,
  datasetItemsQuerySchema,
  GenchiError,
} from "@genchi/spec";
import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import { z } from "zod";
import { Authenticator } from "../../platform/http/authenticator.js";
import { parseInput } from "../../platform/http/parse-input.js";
import type { Services } from "../../platform/services.js";
import { feedbackItems } from "./feedback-to-dataset.js";

type Params = { Params: { id: string } };

const fromFeedbackSchema = z
  .object({
    route: z.string().min(1).max(512).optional(),
    since: z.string().datetime({ offset: true }).optional(),
    until: z.string().datetime({ offset: true }).optional(),
    /** At most this many items are added, the newest calls' feedback first (default 1,000). */
    limit: z.number().int().min(1).max(1_000).optional(),
  })
  .strict();

export const datasetsRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { store } = services;
  const projectOf = async (request: FastifyRequest) =>
    (await services.auth.authenticate(Authenticator.keyOf(request))).projectId;
  const datasetOr404 = async (projectId: string, idOrName: string): Promise<Dataset> => {
    const dataset = await store.datasets.get(projectId, idOrName);
    if (!dataset)
      throw new GenchiError(
        "GENCHI_NOT_FOUND",
        `no dataset '${idOrName}' in this project; POST /api/v1/datasets creates one`,
      );
    return dataset;
  };

  app.post("/api/v1/datasets", async (request, reply) => {
    const projectId = await projectOf(request);
    const body = parseInput(
      datasetCreateSchema,
      request.body,
      "body",
      '{"name":"categorize-golden","route":"categorize"}',
    );
    const { dataset, created } = await store.datasets.ensure(projectId, body);
    return reply.code(created ? 201 : 200).send(dataset);
  });

  app.get("/api/v1/datasets", async (request) => {
    const projectId = await projectOf(request);
    return { data: await store.datasets.list(projectId) };
  });

  app.get<Params>("/api/v1/datasets/:id", async (request) => {
    const projectId = await projectOf(request);
    return datasetOr404(projectId, request.params.id);
  });

  app.post<Params>("/api/v1/datasets/:id/items", async (request, reply) => {
    const projectId = await projectOf(request);
    const { items } = parseInput(
      datasetItemsBatchSchema,
      request.body,
      "body",
      '{"items":[{"vars":{"ticket":"charged twice"},"expected":"billing"}]}',
    );
    const dataset = await datasetOr404(projectId, request.params.id);
    const outcomes = await store.datasets.addItems(projectId, dataset.id, items);
    return reply.code(201).send({
      stored: outcomes.filter((o) => o.outcome === "stored").length,
      duplicates: outcomes.filter((o) => o.outcome === "duplicate").length,
      items: outcomes,
    });
  });

  app.post<Params>("/api/v1/datasets/:id/items/from-feedback", async (request, reply) => {
    const projectId = await projectOf(request);
    const options = parseInput(
      fromFeedbackSchema,
      request.body ?? {},
      "body",
      '{"route":"categorize","since":"2026-11-01T00:00:00Z"}',
    );
    const dataset = await datasetOr404(projectId, request.params.id);
    const items = await feedbackItems(store, projectId, options);
    const outcomes = items.length > 0 ? await store.datasets.addItems(projectId, dataset.id, items) : [];
    return reply.code(201).send({
      stored: outcomes.filter((o) => o.outcome === "stored").length,
      duplicates: outcomes.filter((o) => o.outcome === "duplicate").length,
      items: outcomes,
    });
  });

  app.get<Params>("/api/v1/datasets/:id/items", async (request) => {
    const projectId = await projectOf(request);
    const query = parseInput(datasetItemsQuerySchema, request.query, "query");
    const dataset = await datasetOr404(projectId, request.params.id);
    return store.datasets.listItems(projectId, dataset.id, query);
  });
};
