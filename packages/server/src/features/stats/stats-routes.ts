/**
 * The dashboard's read API (Bearer project key): `GET /api/v1/stats/timeseries`,
 * `GET /api/v1/stats/facets` and `GET /api/v1/feedback/summary`, all from the rollups and
 * the feedback table, never a scan of the calls.
 */
import { api, GenchiError } from "@genchi/spec";
import type { FastifyPluginAsync } from "fastify";
import { mount } from "../../platform/http/mount.js";
import type { Services } from "../../platform/services.js";
import { buildFeedbackTimeseries } from "../../platform/store/stats/build-feedback-timeseries.js";
import { buildTimeseries } from "../../platform/store/stats/build-timeseries.js";
import { statsRange } from "../../platform/store/stats/stats-range.js";
import { structuredAdherence } from "./structured-adherence.js";

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
  mount(app, services, api.stats.timeseries, async ({ principal, query }) => {
    const range = statsRange(query, Date.now());
    const cells = await services.store.stats.rollupCells(principal.projectId, {
      ...range,
      groupBy: query.groupBy,
      route: query.route,
      model: query.model,
    });
    return buildTimeseries(cells, range, query.groupBy);
  });

  mount(app, services, api.stats.facets, async ({ principal, query }) => {
    const { sinceMs, untilMs } = plainRange(query);
    return services.store.stats.facets(principal.projectId, sinceMs, untilMs);
  });

  mount(app, services, api.feedback.summary, async ({ principal, query }) => {
    const { sinceMs, untilMs } = plainRange(query);
    return services.store.stats.feedbackSummary(principal.projectId, {
      sinceMs,
      untilMs,
      route: query.route,
    });
  });

  mount(app, services, api.feedback.timeseries, async ({ principal, query }) => {
    const range = statsRange(query, Date.now());
    const cells = await services.store.stats.feedbackCells(principal.projectId, {
      ...range,
      route: query.route,
    });
    return buildFeedbackTimeseries(cells, range);
  });

  mount(app, services, api.stats.adherence, async ({ principal, query }) => {
    const { sinceMs, untilMs } = plainRange(query);
    return structuredAdherence(services.store, principal.projectId, { sinceMs, untilMs, route: query.route });
  });
};
