/**
 * Model registry and shadow endpoints:
 * `GET /api/v1/models` (models seen, pinned or floating, served-model changes),
 * `GET /api/v1/models/pins` (effective policy, pins and shadow routes),
 * `PUT /api/v1/models/policy` `{"policy":"off"|"warn"|"resolve"|"reject"|null}`,
 * `PUT /api/v1/models/pins` `{"alias"|"route", "pinned"}`, `DELETE /api/v1/models/pins?alias=|route=`.
 * The shadow endpoints are in shadow-routes.ts.
 */
import { GenchiError, type ModelPinsView, modelPinSchema, pinPolicySchema } from "@genchi/spec";
import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import { z } from "zod";
import { Authenticator } from "../../platform/http/authenticator.js";
import type { Services } from "../../platform/services.js";
import { modelsSeen } from "./models-seen.js";

const policyBody = z.object({ policy: pinPolicySchema.nullable() });

export const modelsRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { pins, shadowRoutes } = services.models;
  const projectOf = async (request: FastifyRequest) =>
    (await services.auth.authenticate(Authenticator.keyOf(request))).projectId;
  const parse = <T>(schema: z.ZodType<T>, body: unknown, example: string): T => {
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new GenchiError(
        "GENCHI_VALIDATION",
        `${issue.path.join(".") || "body"}: ${issue.message}; e.g. ${example}`,
      );
    }
    return parsed.data;
  };

  app.get("/api/v1/models", async (request) => {
    const projectId = await projectOf(request);
    await pins.ready(projectId);
    return { data: await modelsSeen(services.store, projectId, pins.pinsFor(projectId)) };
  });

  app.get("/api/v1/models/pins", async (request) => {
    const projectId = await projectOf(request);
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

  app.put("/api/v1/models/policy", async (request) => {
    const projectId = await projectOf(request);
    const { policy } = parse(policyBody, request.body, '{"policy":"resolve"}');
    await services.store.models.setPolicy(projectId, policy);
    pins.invalidate(projectId);
    await pins.ready(projectId);
    return { policy: pins.policyFor(projectId) };
  });

  app.put("/api/v1/models/pins", async (request) => {
    const projectId = await projectOf(request);
    const pin = parse(modelPinSchema, request.body, '{"alias":"gpt-4o","pinned":"gpt-4o-2024-08-06"}');
    await services.store.models.putPin(projectId, pin);
    pins.invalidate(projectId);
    return pin;
  });

  app.delete("/api/v1/models/pins", async (request, reply) => {
    const projectId = await projectOf(request);
    const q = request.query as Record<string, unknown>;
    const target =
      typeof q["route"] === "string"
        ? { route: q["route"] }
        : typeof q["alias"] === "string"
          ? { alias: q["alias"] }
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
