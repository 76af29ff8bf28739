/** `POST /api/v1/ingest`: a batch of calls and feedback; 207 with one result per item. */
import { GenchiError, ingestRequestSchema } from "@genchi/spec";
import type { FastifyPluginAsync } from "fastify";
import { Authenticator } from "../../platform/http/authenticator.js";
import type { Services } from "../../platform/services.js";
import { assertJsonDepth } from "../../platform/util/json-depth.js";

export const ingestRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.post("/api/v1/ingest", async (request, reply) => {
    const principal = await services.auth.authenticate(Authenticator.keyOf(request));
    const body = request.body;
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw new GenchiError(
        "GENCHI_BAD_REQUEST",
        'the body must be a JSON object: {"calls":[…],"feedback":[…]}',
      );
    }
    assertJsonDepth(body, "the body");
    const parsed = ingestRequestSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new GenchiError("GENCHI_VALIDATION", `${issue.path.join(".") || "body"}: ${issue.message}`);
    }
    const result = await services.ingest.ingest(principal.projectId, parsed.data);
    return reply.code(207).send(result);
  });
};
