/**
 * The composition root: the one place genchi's services are constructed, from the settings
 * and an open store. `startServer` calls it once, then hands the result to `buildApp` (routes)
 * and to `serverJobs` (background jobs), so both share one instance of each service — one
 * gateway, one pin cache, one embedder and its cache.
 */
import { join } from "node:path";
import { priceTable } from "@genchi/core";
import type { ServerConfig } from "@genchi/spec";
import { IngestService } from "../features/calls/ingest-service.js";
import { cachedEmbedder } from "../features/drift/embedders/cached-embedder.js";
import type { Embedder } from "../features/drift/embedders/embedder.js";
import { energeticEmbedder } from "../features/drift/embedders/energetic-embedder.js";
import { Gateway } from "../features/gateway/gateway.js";
import { GatewayAuth } from "../features/gateway/gateway-auth.js";
import { StorePinSource } from "../features/gateway/store-pin-source.js";
import { ReviewReminders } from "../features/review/review-reminders.js";
import { ReviewService } from "../features/review/review-service.js";
import { StoreShadowRouteSource } from "../features/shadow/shadow-route-source.js";
import { Authenticator } from "../platform/http/authenticator.js";
import type { Services } from "../platform/services.js";
import type { Store } from "../platform/store/store.js";

export interface BuildServicesOptions {
  /** The drift embedder (default: the offline model behind the on-disk cache in `.genchi/cache/embeddings`). */
  embedder?: Embedder;
}

/**
 * @example const services = buildServices(config, await openStore(config.db)); const app = buildApp(services)
 */
export function buildServices(
  config: ServerConfig,
  store: Store,
  options: BuildServicesOptions = {},
): Services {
  const auth = new Authenticator(store);
  const ingest = new IngestService(store, { prices: { ...priceTable, ...config.prices } });
  const pins = new StorePinSource(store, config);
  const shadowRoutes = new StoreShadowRouteSource(store, config);
  const gateway = new Gateway({
    config,
    ingest,
    pins,
    shadowRoutes: (projectId) => shadowRoutes.routesFor(projectId),
  });
  const embedder =
    options.embedder ?? cachedEmbedder(energeticEmbedder(), join(".genchi", "cache", "embeddings"));
  return {
    store,
    config,
    auth,
    ingest,
    gateway: { gateway, auth: new GatewayAuth(auth) },
    models: { pins, shadowRoutes },
    review: { service: new ReviewService(store), reminders: new ReviewReminders(store) },
    drift: { embedder },
  };
}
