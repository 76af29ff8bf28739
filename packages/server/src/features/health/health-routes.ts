/**
 * `GET /api/health`: liveness — the process answers; it never touches storage, so it answers
 * while storage is stalled. `GET /api/ready`: readiness — 200 when storage answers a read within
 * a short deadline, 503 with the reason otherwise (take the instance out of rotation). No key needed.
 */
import { api, GenchiError } from "@genchi/spec";
import type { FastifyPluginAsync } from "fastify";
import { mount } from "../../platform/http/mount.js";
import type { Services } from "../../platform/services.js";

/** How long storage has to answer before the server reports itself not ready. */
const readyDeadlineMs = 1_000;

export const healthRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  mount(app, services, api.health.health, async () => ({ status: "ok" as const }));

  mount(app, services, api.health.ready, async ({ reply }) => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new GenchiError(
              "GENCHI_STORAGE",
              `storage did not answer within ${readyDeadlineMs} ms (is the disk under the database stalled, or the database down?)`,
            ),
          ),
        readyDeadlineMs,
      );
    });
    try {
      await Promise.race([services.store.listProjects(), deadline]);
      return { status: "ready" as const, storage: services.store.backend };
    } catch (error) {
      // Answered here, not thrown: a probe failing every second must not fill the log with stacks.
      const message = error instanceof Error ? error.message : String(error);
      return reply.code(503).send({
        status: "unavailable",
        storage: services.store.backend,
        error: { code: "GENCHI_STORAGE", message },
      });
    } finally {
      clearTimeout(timer);
    }
  });
};
