/**
 * Datasets of eval inputs: create (or get by name), list, get, add items (idempotent on item
 * id), page through items, add items from end users' feedback. The holdout refresh from
 * production is in drift.ts.
 */
import { z } from "zod";
import {
  datasetCreateSchema,
  datasetItemsBatchSchema,
  datasetItemsPageSchema,
  datasetItemsQuerySchema,
  datasetSchema,
} from "../dataset.js";
import { defineEndpoint } from "./endpoint.js";
import { idParams, listOf } from "./shared-shapes.js";

/** `POST /api/v1/datasets/:id/items/from-feedback` body. */
export const datasetFromFeedbackSchema = z
  .object({
    route: z.string().min(1).max(512).optional(),
    since: z.string().datetime({ offset: true }).optional(),
    until: z.string().datetime({ offset: true }).optional(),
    /** At most this many items are added, the newest calls' feedback first (default 1,000). */
    limit: z.number().int().min(1).max(1_000).optional(),
  })
  .strict();

/** What adding items answers: counts, and each item's id and outcome in order. */
export const datasetItemsAddedSchema = z.object({
  stored: z.number().int(),
  duplicates: z.number().int(),
  items: z.array(z.object({ id: z.string(), outcome: z.enum(["stored", "duplicate"]) })),
});
export type DatasetItemsAdded = z.infer<typeof datasetItemsAddedSchema>;

export const datasetsApi = {
  create: defineEndpoint({
    method: "POST",
    path: "/api/v1/datasets",
    auth: "secret",
    summary: "creates a dataset (201), or answers the one of that name (200)",
    body: datasetCreateSchema,
    response: datasetSchema,
    statuses: [201, 200],
  }),
  list: defineEndpoint({
    method: "GET",
    path: "/api/v1/datasets",
    auth: "secret",
    summary: "the project's datasets",
    response: listOf(datasetSchema),
  }),
  get: defineEndpoint({
    method: "GET",
    path: "/api/v1/datasets/:id",
    auth: "secret",
    summary: "one dataset, by id or name",
    params: idParams,
    response: datasetSchema,
  }),
  addItems: defineEndpoint({
    method: "POST",
    path: "/api/v1/datasets/:id/items",
    auth: "secret",
    summary: "adds items, idempotent on item id",
    params: idParams,
    body: datasetItemsBatchSchema,
    response: datasetItemsAddedSchema,
    statuses: [201],
  }),
  addFromFeedback: defineEndpoint({
    method: "POST",
    path: "/api/v1/datasets/:id/items/from-feedback",
    auth: "secret",
    summary: "adds items from end users' corrections, accepts and regenerations",
    params: idParams,
    body: datasetFromFeedbackSchema,
    response: datasetItemsAddedSchema,
    statuses: [201],
  }),
  items: defineEndpoint({
    method: "GET",
    path: "/api/v1/datasets/:id/items",
    auth: "secret",
    summary: "a dataset's items in the order they were added, paged by cursor",
    params: idParams,
    query: datasetItemsQuerySchema,
    response: datasetItemsPageSchema,
  }),
} as const;
