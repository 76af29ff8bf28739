/** Calls: the filtered, cursor-paged list and one call with its feedback and annotations. */
import { callDetailSchema, callsPageSchema, callsQuerySchema } from "../calls-query.js";
import { defineEndpoint } from "./endpoint.js";
import { idParams } from "./shared-shapes.js";

export const callsApi = {
  list: defineEndpoint({
    method: "GET",
    path: "/api/v1/calls",
    auth: "secret",
    summary: "calls, newest first, filtered and searched (q), paged by cursor",
    query: callsQuerySchema,
    response: callsPageSchema,
  }),
  get: defineEndpoint({
    method: "GET",
    path: "/api/v1/calls/:id",
    auth: "secret",
    summary: "one call with its feedback and annotations",
    params: idParams,
    response: callDetailSchema,
  }),
} as const;
