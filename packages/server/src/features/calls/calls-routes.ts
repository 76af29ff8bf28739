/** `GET /api/v1/calls` (filters, full-text `q`, cursor) and `GET /api/v1/calls/:id` (with feedback). */
import { api, type CallDetail, GenchiError } from "@genchi/spec";
import type { FastifyPluginAsync } from "fastify";
import { mount } from "../../platform/http/mount.js";
import type { Services } from "../../platform/services.js";

export const callsRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  mount(app, services, api.calls.list, async ({ principal, query }) =>
    services.store.listCalls(principal.projectId, query),
  );

  mount(app, services, api.calls.get, async ({ principal, params: { id } }) => {
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
