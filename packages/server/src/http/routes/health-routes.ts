/** `GET /api/health`: liveness, no key needed. */
import type { FastifyPluginAsync } from "fastify";
import type { AppContext } from "../app-context.js";

export const healthRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app) => {
  app.get("/api/health", async () => ({ status: "ok" }));
};
