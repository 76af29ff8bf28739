/** Builds the HTTP app over the services: one port for REST, ingest, OTLP, the gateway and the UI. */
import http from "node:http";
import { httpStatusOf } from "@genchi/spec";
import Fastify, { type FastifyInstance } from "fastify";
import type { Services } from "./services.js";
import { gatewayFastPath } from "../features/gateway/gateway-fast-path.js";
import { callsRoutes } from "../features/calls/calls-routes.js";
import { datasetsRoutes } from "../features/datasets/datasets-routes.js";
import { driftRoutes } from "../features/drift/drift-routes.js";
import { evalsRoutes } from "../features/evals/evals-routes.js";
import { feedbackRoutes } from "../features/feedback/feedback-routes.js";
import { gatewayRoutes } from "../features/gateway/gateway-routes.js";
import { healthRoutes } from "../features/health/health-routes.js";
import { ingestRoutes } from "../features/calls/ingest-routes.js";
import { modelsRoutes } from "../features/models/models-routes.js";
import { otlpRoutes } from "../features/otlp/otlp-routes.js";
import { reviewRoutes } from "../features/review/review-routes.js";
import { sdkRoutes } from "../features/feedback/sdk-routes.js";
import { shadowRoutes } from "../features/shadow/shadow-routes.js";
import { statsRoutes } from "../features/stats/stats-routes.js";
import { webRoutes } from "../features/web/web-routes.js";
import { sendError, toGenchiError } from "../platform/http/send-error.js";

/**
 * Wires the routes to the services it is given (`app/build-services.ts`); it builds none.
 *
 * @example const app = buildApp(buildServices(config, store)); await app.listen({ port: 4242, host: "127.0.0.1" })
 */
export function buildApp(services: Services): FastifyInstance {
  const { gateway, auth } = services.gateway;
  const fast = gatewayFastPath({
    gateway,
    auth,
    pins: services.models.pins,
    maxBodyBytes: services.config.maxBodyBytes,
  });
  const app = Fastify({
    logger: false,
    // Gateway requests skip Fastify (see gateway-fast-path.ts); everything else is Fastify's.
    serverFactory: (handler) => {
      const server = http.createServer((req, res) => {
        if (!fast(req, res)) handler(req, res);
      });
      server.keepAliveTimeout = 72_000; // Fastify's default: longer than most clients' idle pools
      return server;
    },
    bodyLimit: services.config.maxBodyBytes,
    // Bodies and query strings are validated with zod inside the routes.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 256 },
    forceCloseConnections: true,
  });
  app.setErrorHandler((error, _request, reply) => {
    const known = toGenchiError(error);
    if (httpStatusOf(known.code) >= 500) {
      process.stderr.write(
        `genchi: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    return sendError(reply, known);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      error: {
        code: "GENCHI_NOT_FOUND",
        message: `no route ${request.method} ${request.url.split("?")[0]}`,
      },
    }),
  );
  app.register(healthRoutes, { services });
  app.register(ingestRoutes, { services });
  app.register(callsRoutes, { services });
  app.register(feedbackRoutes, { services });
  app.register(sdkRoutes);
  app.register(otlpRoutes, { services });
  app.register(statsRoutes, { services });
  app.register(gatewayRoutes, { services });
  app.register(modelsRoutes, { services });
  app.register(shadowRoutes, { services });
  app.register(evalsRoutes, { services });
  app.register(datasetsRoutes, { services });
  app.register(driftRoutes, { services });
  app.register(reviewRoutes, { services });
  // Last: the UI answers GETs no API route took (client routes like /calls/:id).
  app.register(webRoutes, {});
  return app;
}
