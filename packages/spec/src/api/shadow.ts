/** Shadow traffic: the routes mirrored to a candidate, and the per-route report. */
import { z } from "zod";
import { type ShadowReport, type ShadowRouteEntry, shadowRouteBodySchema } from "../models.js";
import { defineEndpoint } from "./endpoint.js";
import { listOf, noContent, routeParams, typed } from "./shared-shapes.js";

const entry = typed<ShadowRouteEntry>();

export const shadowApi = {
  routes: defineEndpoint({
    method: "GET",
    path: "/api/v1/shadow/routes",
    auth: "secret",
    summary: "the project's shadow routes (the API's over the config file's)",
    response: listOf(entry),
  }),
  route: defineEndpoint({
    method: "GET",
    path: "/api/v1/shadow/routes/:route",
    auth: "secret",
    summary: "one shadow route",
    params: routeParams,
    response: entry,
  }),
  putRoute: defineEndpoint({
    method: "PUT",
    path: "/api/v1/shadow/routes/:route",
    auth: "secret",
    summary: "sets a route's candidate, sample rate and suite",
    params: routeParams,
    body: shadowRouteBodySchema,
    response: entry,
  }),
  deleteRoute: defineEndpoint({
    method: "DELETE",
    path: "/api/v1/shadow/routes/:route",
    auth: "secret",
    summary: "removes a shadow route set through the API",
    params: routeParams,
    response: noContent,
    statuses: [204],
    responseKind: "none",
  }),
  report: defineEndpoint({
    method: "GET",
    path: "/api/v1/shadow/report",
    auth: "secret",
    summary: "a route's shadow pairs compared, with its suite on both sides",
    query: z.object({ route: z.string().min(1) }),
    response: typed<ShadowReport>(),
  }),
} as const;
