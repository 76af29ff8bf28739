/**
 * Services: everything the HTTP routes and the jobs are given — the store, the settings and
 * the services built once from them by `buildServices` (the composition root). Passed in,
 * never imported globally; no route builds its own.
 */
import type { ServerConfig } from "../platform/config/server-config.js";
import type { Embedder } from "../features/drift/embedders/embedder.js";
import type { Gateway } from "../features/gateway/gateway.js";
import type { GatewayAuth } from "../features/gateway/gateway-auth.js";
import type { StoreShadowRouteSource } from "../features/shadow/shadow-route-source.js";
import type { StorePinSource } from "../features/gateway/store-pin-source.js";
import type { Authenticator } from "../platform/http/authenticator.js";
import type { ReviewReminders } from "../features/review/review-reminders.js";
import type { ReviewService } from "../features/review/review-service.js";
import type { IngestService } from "../features/calls/ingest-service.js";
import type { Store } from "../platform/store/store.js";

export interface Services {
  store: Store;
  config: ServerConfig;
  /** Secret and public keys → principals (every authenticated route). */
  auth: Authenticator;
  /** Validates, prices and stores calls (ingest, OTLP, the gateway's log queue). */
  ingest: IngestService;
  /** The logging gateway and its cached key check; stopped when the app closes. */
  gateway: { gateway: Gateway; auth: GatewayAuth };
  /** Pins and shadow routes per project, cached for the gateway's hot path and changed through the API. */
  models: { pins: StorePinSource; shadowRoutes: StoreShadowRouteSource };
  /** The review queue, annotations, suites; the reminder ("run now" — its job is scheduled by startServer). */
  review: { service: ReviewService; reminders: ReviewReminders };
  /** The one embedder (cached on disk) of the drift routes, holdout refresh and the daily drift job. */
  drift: { embedder: Embedder };
}
