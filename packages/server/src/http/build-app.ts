/** Builds the HTTP app: one port for REST, ingest, OTLP (and later the gateway and UI). */
import { httpStatusOf } from "@genchi/spec";
import Fastify, { type FastifyInstance } from "fastify";
import type { AppContext } from "./app-context.js";
import { callsRoutes } from "./routes/calls-routes.js";
import { feedbackRoutes } from "./routes/feedback-routes.js";
import { gatewayRoutes } from "./routes/gateway-routes.js";
import { healthRoutes } from "./routes/health-routes.js";
import { ingestRoutes } from "./routes/ingest-routes.js";
import { modelsRoutes } from "./routes/models-routes.js";
import { otlpRoutes } from "./routes/otlp-routes.js";
import { statsRoutes } from "./routes/stats-routes.js";
import { webRoutes } from "./routes/web-routes.js";
import { sendError, toGenchiError } from "./send-error.js";

/**
 * @example const app = buildApp(context); await app.listen({ port: 4242, host: "127.0.0.1" })
 */
export function buildApp(context: AppContext): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: context.config.maxBodyBytes,
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
  app.register(healthRoutes, { context });
  app.register(ingestRoutes, { context });
  app.register(callsRoutes, { context });
  app.register(feedbackRoutes, { context });
  app.register(otlpRoutes, { context });
  app.register(statsRoutes, { context });
  app.register(gatewayRoutes, { context });
  app.register(modelsRoutes, { context });
  // Last: the UI answers GETs no API route took (client routes like /calls/:id).
  app.register(webRoutes, {});
  return app;
}
