/**
 * The dashboard's read API (Bearer project key): `GET /api/v1/stats/timeseries`,
 * `GET /api/v1/stats/facets` and `GET /api/v1/feedback/summary`, all from the rollups and
 * the feedback table, never a scan of the calls.
 */
import {
  adherenceQuerySchema,
  facetsQuerySchema,
  feedbackSummaryQuerySchema,
  feedbackTimeseriesQuerySchema,
  GenchiError,
  type Timeseries,
  timeseriesQuerySchema,
} from "@genchi/spec";
import type { FastifyPluginAsync } from "fastify";
import type { z } from "zod";
import { Authenticator } from "../../platform/http/authenticator.js";
import type { Services } from "../../platform/services.js";
import { buildFeedbackTimeseries } from "../../platform/store/stats/build-feedback-timeseries.js";
import { buildTimeseries } from "../../platform/store/stats/build-timeseries.js";
import { statsRange } from "../../platform/store/stats/stats-range.js";
import { structuredAdherence } from "./structured-adherence.js";

/** Validates a query string with `schema`; a 400 naming the parameter otherwise. */
function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.infer<S> {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join(".");
  throw new GenchiError("GENCHI_VALIDATION", `query parameter ${field}: ${issue.message}`, { field });
}

/** since/until as ms, unaligned (default: the last 24 hours). */
function plainRange(query: { since?: string | undefined; until?: string | undefined }) {
  const untilMs = query.until ? Date.parse(query.until) : Date.now();
  const sinceMs = query.since ? Date.parse(query.since) : untilMs - 86_400_000;
  if (!(sinceMs < untilMs))
    throw new GenchiError(
      "GENCHI_VALIDATION",
      "since must be before until; send ISO timestamps, since first",
      {
        field: "since",
      },
    );
  return { sinceMs, untilMs };
}

export const statsRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get("/api/v1/stats/timeseries", async (request): Promise<Timeseries> => {
    const principal = await services.auth.authenticate(Authenticator.keyOf(request));
    const query = parseQuery(timeseriesQuerySchema, request.query);
    const range = statsRange(query, Date.now());
    const cells = await services.store.stats.rollupCells(principal.projectId, {
      ...range,
      groupBy: query.groupBy,
      route: query.route,
      model: query.model,
    });
    return buildTimeseries(cells, range, query.groupBy);
  });

  app.get("/api/v1/stats/facets", async (request) => {
    const principal = await services.auth.authenticate(Authenticator.keyOf(request));
    const { sinceMs, untilMs } = plainRange(parseQuery(facetsQuerySchema, request.query));
    return services.store.stats.facets(principal.projectId, sinceMs, untilMs);
  });

  app.get("/api/v1/feedback/summary", async (request) => {
    const principal = await services.auth.authenticate(Authenticator.keyOf(request));
    const query = parseQuery(feedbackSummaryQuerySchema, request.query);
    const { sinceMs, untilMs } = plainRange(query);
    return services.store.stats.feedbackSummary(principal.projectId, {
      sinceMs,
      untilMs,
      route: query.route,
    });
  });

  app.get("/api/v1/feedback/timeseries", async (request) => {
    const principal = await services.auth.authenticate(Authenticator.keyOf(request));
    const query = parseQuery(feedbackTimeseriesQuerySchema, request.query);
    const range = statsRange(query, Date.now());
    const cells = await services.store.stats.feedbackCells(principal.projectId, {
      ...range,
      route: query.route,
    });
    return buildFeedbackTimeseries(cells, range);
  });

  app.get("/api/v1/stats/adherence", async (request) => {
    const principal = await services.auth.authenticate(Authenticator.keyOf(request));
    const query = parseQuery(adherenceQuerySchema, request.query);
    const { sinceMs, untilMs } = plainRange(query);
    return structuredAdherence(services.store, principal.projectId, { sinceMs, untilMs, route: query.route });
  });
};
