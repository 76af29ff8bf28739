/**
 * Datasets of eval inputs: `POST /api/v1/datasets` (create, or get the one of that name),
 * `GET /api/v1/datasets`, `GET /api/v1/datasets/:id` (id or name),
 * `POST /api/v1/datasets/:id/items` (idempotent on item id), `GET /api/v1/datasets/:id/items?limit&cursor`
 * and `POST /api/v1/datasets/:id/items/from-feedback` (end users' corrections, accepts and regenerations).
 */
import { api, type Dataset, GenchiError } from "@genchi/spec";
import type { FastifyPluginAsync } from "fastify";
import { mount } from "../../platform/http/mount.js";
import type { Services } from "../../platform/services.js";
import { feedbackItems } from "./feedback-to-dataset.js";

export const datasetsRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { store } = services;
  const datasetOr404 = async (projectId: string, idOrName: string): Promise<Dataset> => {
    const dataset = await store.datasets.get(projectId, idOrName);
    if (!dataset)
      throw new GenchiError(
        "GENCHI_NOT_FOUND",
        `no dataset '${idOrName}' in this project; POST /api/v1/datasets creates one`,
      );
    return dataset;
  };
  const added = (outcomes: { id: string; outcome: "stored" | "duplicate" }[]) => ({
    stored: outcomes.filter((o) => o.outcome === "stored").length,
    duplicates: outcomes.filter((o) => o.outcome === "duplicate").length,
    items: outcomes,
  });

  mount(
    app,
    services,
    api.datasets.create,
    async ({ principal, body, reply }) => {
      const { dataset, created } = await store.datasets.ensure(principal.projectId, body);
      return reply.code(created ? 201 : 200).send(dataset);
    },
    { example: '{"name":"categorize-golden","route":"categorize"}' },
  );

  mount(app, services, api.datasets.list, async ({ principal }) => ({
    data: await store.datasets.list(principal.projectId),
  }));

  mount(app, services, api.datasets.get, async ({ principal, params }) =>
    datasetOr404(principal.projectId, params.id),
  );

  mount(
    app,
    services,
    api.datasets.addItems,
    async ({ principal, params, body, reply }) => {
      const dataset = await datasetOr404(principal.projectId, params.id);
      const outcomes = await store.datasets.addItems(principal.projectId, dataset.id, body.items);
      return reply.code(201).send(added(outcomes));
    },
    { example: '{"items":[{"vars":{"ticket":"charged twice"},"expected":"billing"}]}' },
  );

  mount(
    app,
    services,
    api.datasets.addFromFeedback,
    async ({ principal, params, body, reply }) => {
      const dataset = await datasetOr404(principal.projectId, params.id);
      const items = await feedbackItems(store, principal.projectId, body);
      const outcomes =
        items.length > 0 ? await store.datasets.addItems(principal.projectId, dataset.id, items) : [];
      return reply.code(201).send(added(outcomes));
    },
    { example: '{"route":"categorize","since":"2026-11-01T00:00:00Z"}' },
  );

  mount(app, services, api.datasets.items, async ({ principal, params, query }) => {
    const dataset = await datasetOr404(principal.projectId, params.id);
    return store.datasets.listItems(principal.projectId, dataset.id, query);
  });
};
