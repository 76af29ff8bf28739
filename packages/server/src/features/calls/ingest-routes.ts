/** `POST /api/v1/ingest`: a batch of calls and feedback; 207 with one result per item. */
import { api, GenchiError } from "@genchi/spec";
import type { FastifyPluginAsync } from "fastify";
import { mount } from "../../platform/http/mount.js";
import type { Services } from "../../platform/services.js";

export const ingestRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  mount(
    app,
    services,
    api.ingest.batch,
    async ({ principal, body, reply }) => {
      const result = await services.ingest.ingest(principal.projectId, body);
      return reply.code(207).send(result);
    },
    {
      field: "never",
      beforeParse: (request) => {
        const body = request.body;
        if (typeof body !== "object" || body === null || Array.isArray(body)) {
          throw new GenchiError(
            "GENCHI_BAD_REQUEST",
            'the body must be a JSON object: {"calls":[…],"feedback":[…]}',
          );
        }
      },
    },
  );
};
