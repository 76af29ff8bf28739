/** The dashboard's read API: timeseries, facets and structured-output adherence, from the rollups. */
import { adherenceQuerySchema, adherenceSchema } from "../adherence.js";
import { facetsQuerySchema, facetsSchema, timeseriesQuerySchema, timeseriesSchema } from "../stats.js";
import { defineEndpoint } from "./endpoint.js";

export const statsApi = {
  timeseries: defineEndpoint({
    method: "GET",
    path: "/api/v1/stats/timeseries",
    auth: "secret",
    summary: "calls, errors, latency and cost per bucket, optionally per route or model",
    query: timeseriesQuerySchema,
    response: timeseriesSchema,
  }),
  facets: defineEndpoint({
    method: "GET",
    path: "/api/v1/stats/facets",
    auth: "secret",
    summary: "the routes, models and tags seen in a window, with call counts",
    query: facetsQuerySchema,
    response: facetsSchema,
  }),
  adherence: defineEndpoint({
    method: "GET",
    path: "/api/v1/stats/adherence",
    auth: "secret",
    summary: "structured-output adherence per route",
    query: adherenceQuerySchema,
    response: adherenceSchema,
  }),
} as const;
