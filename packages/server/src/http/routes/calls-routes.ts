/** `GET /api/v1/calls` (filters, full-text `q`, cursor) and `GET /api/v1/calls/:id` (with feedback). */
import { type CallDetail, callsQuerySchema, GenchiError } from "@genchi/spec";
import type { FastifyPluginAsync } from "fastify";
import type { AppContext } from "../app-context.js";
import { Authenticator } from "../authenticator.js";

export const callsRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.get("/api/v1/calls", async (request) => {
    const principal = await context.auth.authenticate(Authenticator.keyOf(request));
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
    return context.store.listCalls(principal.projectId, parsed.data);
  });

  app.get<{ Params: { id: string } }>("/api/v1/calls/:id", async (request) => {
    const principal = await context.auth.authenticate(Authenticator.keyOf(request));
    const { id } = request.params;
    const call = await context.store.getCall(principal.projectId, id);
    if (!call) throw new GenchiError("GENCHI_NOT_FOUND", `no call '${id}' in this project`);
    const detail: CallDetail = {
      ...call,
      feedback: await context.store.listFeedbackForCall(principal.projectId, id),
      annotations: await context.store.review.listAnnotations(principal.projectId, { callId: id }),
    };
    return detail;
  });
};
