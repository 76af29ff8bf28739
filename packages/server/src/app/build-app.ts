/** Builds the HTTP app over the services: one port for REST, ingest, OTLP, the gateway and the UI. */
import http from "node:http";
import { httpStatusOf } from "@genchi/spec";
import Fastify, { type FastifyInstance } from "fastify";
import { gatewayFastPath } from "../features/gateway/gateway-fast-path.js";
import { sendError, toGenchiError } from "../platform/http/send-error.js";
import type { Services } from "../platform/services.js";
import { featureModules } from "./feature-modules.js";

/**
 * Wires every feature's routes (in the order of `features/index.ts`) to the services it is
 * given (`app/build-services.ts`); it builds none.
 *
 * @example const app = await buildApp(buildServices(config, store)); await app.listen({ port: 4242, host: "127.0.0.1" })
 */
export async function buildApp(services: Services): Promise<FastifyInstance> {
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
  for (const module of await featureModules()) {
    for (const routes of module.routes ?? []) app.register(routes, { services });
  }
  return app;
}
