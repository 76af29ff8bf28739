/**
 * The REST API as data: every `/api` and `/api/v1` endpoint the server answers, by area.
 * The server mounts its handlers on these, `createGenchiApi` (@genchi/sdk) builds a typed
 * client from them, and a test checks them against the server's registered routes.
 */

import { bootstrapApi } from "./bootstrap.js";
import { callsApi } from "./calls.js";
import { datasetsApi } from "./datasets.js";
import { driftApi } from "./drift.js";
import type { Endpoint } from "./endpoint.js";
import { evalsApi } from "./evals.js";
import { feedbackApi } from "./feedback.js";
import { gatewayApi } from "./gateway.js";
import { healthApi } from "./health.js";
import { ingestApi } from "./ingest.js";
import { modelsApi } from "./models.js";
import { reviewApi } from "./review.js";
import { shadowApi } from "./shadow.js";
import { statsApi } from "./stats.js";

export * from "./bootstrap.js";
export * from "./calls.js";
export * from "./datasets.js";
export * from "./drift.js";
export * from "./endpoint.js";
export * from "./evals.js";
export * from "./feedback.js";
export * from "./gateway.js";
export * from "./health.js";
export * from "./ingest.js";
export * from "./models.js";
export * from "./review.js";
export * from "./shadow.js";
export * from "./stats.js";

/**
 * Every endpoint, by area.
 *
 * @example api.review.next.path // → "/api/v1/review/queue/next"
 */
export const api = {
  bootstrap: bootstrapApi,
  calls: callsApi,
  datasets: datasetsApi,
  drift: driftApi,
  evals: evalsApi,
  feedback: feedbackApi,
  gateway: gatewayApi,
  health: healthApi,
  ingest: ingestApi,
  models: modelsApi,
  review: reviewApi,
  shadow: shadowApi,
  stats: statsApi,
} as const;

/** The API's shape: area → name → endpoint. */
export type GenchiApiSpec = typeof api;

/** Every endpoint in one list, with its area and name. */
export function allEndpoints(): { area: string; name: string; endpoint: Endpoint }[] {
  return Object.entries(api).flatMap(([area, group]) =>
    Object.entries(group).map(([name, endpoint]) => ({ area, name, endpoint })),
  );
}
