/**
 * Model registry and shadow endpoints:
 * `GET /api/v1/models` (models seen, pinned or floating, served-model changes),
 * `GET /api/v1/models/pins` (effective policy, pins and shadow routes),
 * `PUT /api/v1/models/policy` `{"policy":"off"|"warn"|"resolve"|"reject"|null}`,
 * `PUT /api/v1/models/pins` `{"alias"|"route", "pinned"}`, `DELETE /api/v1/models/pins?alias=|route=`.
 * The shadow endpoints are in shadow-routes.ts.
 */
import { api, GenchiError, type ModelPinsView } from "@genchi/spec";
import type { FastifyPluginAsync } from "fastify";
import { mount } from "../../platform/http/mount.js";
import type { Services } from "../../platform/services.js";
import { modelsSeen } from "./models-seen.js";

export const modelsRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { pins, shadowRoutes } = services.models;
  // These answers name no field and take a missing body as it is, as they always did.
  const asBefore = (example: string) => ({ example, field: "never" as const, emptyBody: "as-is" as const });

  mount(app, services, api.models.list, async ({ principal: { projectId } }) => {
    await pins.ready(projectId);
    return { data: await modelsSeen(services.store, projectId, pins.pinsFor(projectId)) };
  });

  mount(app, services, api.models.pins, async ({ principal: { projectId } }) => {
    pins.invalidate(projectId);
    await pins.ready(projectId);
    const own = await services.store.models.listPins(projectId);
    const view: ModelPinsView = {
      policy: pins.policyFor(projectId),
      policyOrigin: (await services.store.models.getPolicy(projectId)) === null ? "config" : "api",
      pins: [
        ...own.map((p) => ({ ...p, origin: "api" as const })),
        ...services.config.models.pins.map((p) => ({ ...p, origin: "config" as const })),
      ],
      shadow: await shadowRoutes.load(projectId),
    };
    return view;
  });

  mount(
    app,
    services,
    api.models.setPolicy,
    async ({ principal: { projectId }, body: { policy } }) => {
      await services.store.models.setPolicy(projectId, policy);
      pins.invalidate(projectId);
      await pins.ready(projectId);
      return { policy: pins.policyFor(projectId) };
    },
    asBefore('{"policy":"resolve"}'),
  );

  mount(
    app,
    services,
    api.models.putPin,
    async ({ principal: { projectId }, body: pin }) => {
      await services.store.models.putPin(projectId, pin);
      pins.invalidate(projectId);
      return pin;
    },
    asBefore('{"alias":"gpt-4o","pinned":"gpt-4o-2024-08-06"}'),
  );

  mount(app, services, api.models.deletePin, async ({ principal: { projectId }, query, reply }) => {
    const target =
      query.route !== undefined
        ? { route: query.route }
        : query.alias !== undefined
          ? { alias: query.alias }
          : null;
    if (!target)
      throw new GenchiError(
        "GENCHI_BAD_REQUEST",
        "name the pin: DELETE /api/v1/models/pins?alias=gpt-4o (or ?route=R)",
      );
    if (!(await services.store.models.deletePin(projectId, target))) {
      throw new GenchiError(
        "GENCHI_NOT_FOUND",
        "no such pin in this project; GET /api/v1/models/pins lists them",
      );
    }
    pins.invalidate(projectId);
    return reply.code(204).send();
  });
};
