/** `POST /api/v1/ingest`: a batch of calls and feedback, one result per item (207). */
import { ingestRequestSchema, ingestResponseSchema } from "../ingest.js";
import { defineEndpoint } from "./endpoint.js";

export const ingestApi = {
  batch: defineEndpoint({
    method: "POST",
    path: "/api/v1/ingest",
    auth: "secret",
    summary: "a batch of calls and feedback; an invalid item is rejected alone",
    body: ingestRequestSchema,
    response: ingestResponseSchema,
    statuses: [207],
  }),
} as const;
