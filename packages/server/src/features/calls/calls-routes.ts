/** `GET /api/v1/calls` (filters, full-text `q`, cursor) and `GET /api/v1/calls/:id` (with feedback). */
import { type CallDetail, callsQuerySchema, GenchiError } from "@genchi/spec";
import type { FastifyPluginAsync } from "fastify";
import { Authenticator } from "../../platform/http/authenticator.js";
import type { Services } from "../../platform/services.js";

export const callsRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get("/api/v1/calls", async (request) => {
    const principal = await services.auth.authenticate(Authenticator.keyOf(request));
    const parsed = callsQuerySchema.safeParse(request.query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new GenchiError(
        "GENCHI_VALIDATION",
        `query parameter ${issue.path.join(".")}: ${issue.message}`,
        {
          field: issue.path.join("."),
        },
      );
    }
    return services.store.listCalls(principal.projectId, parsed.data);
  });

  app.get<{ Params: { id: string } }>("/api/v1/calls/:id", async (request) => {
    const principal = await services.auth.authenticate(Authenticator.keyOf(request));
    const { id } = request.params;
    const call = await services.store.getCall(principal.projectId, id);
    if (!call) throw new GenchiError("GENCHI_NOT_FOUND", `no call '${id}' in this project`);
    const detail: CallDetail = {
      ...call,
      feedback: await services.store.listFeedbackForCall(principal.projectId, id),
      annotations: await services.store.review.listAnnotations(principal.projectId, { callId: id }),
    };
    return detail;
  });
};
