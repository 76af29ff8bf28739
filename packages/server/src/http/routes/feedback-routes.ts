/** `POST /api/v1/feedback`: one feedback item; 201 with the stored feedback and its derived label. */
import { GenchiError } from "@genchi/spec";
import type { FastifyPluginAsync } from "fastify";
import { normalizeFeedback } from "../../services/normalize-feedback.js";
import type { AppContext } from "../app-context.js";
import { Authenticator } from "../authenticator.js";

export const feedbackRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.post("/api/v1/feedback", async (request, reply) => {
    const principal = await context.auth.authenticate(Authenticator.keyOf(request), ["secret", "public"]);
    const n = normalizeFeedback(request.body);
    if (!n.ok)
      throw new GenchiError(n.error.code, n.error.message, n.error.field ? { field: n.error.field } : {});
    const [outcome] = await context.store.insertFeedback(principal.projectId, [n.value]);
    const warnings = [...n.warnings];
    if (!(await context.store.getCall(principal.projectId, n.value.callId))) {
      warnings.push(
        `no call '${n.value.callId}' is stored yet; the feedback is kept and will attach when it arrives`,
      );
    }
    return reply
      .code(outcome === "duplicate" ? 200 : 201)
      .send({ ...n.value, ...(warnings.length ? { warnings } : {}) });
  });
};
