/** The model registry: models seen, the pin policy and pins. */
import { z } from "zod";
import { type ModelPinsView, type ModelSeen, modelPinSchema, pinPolicySchema } from "../models.js";
import { defineEndpoint } from "./endpoint.js";
import { listOf, noContent, typed } from "./shared-shapes.js";

/** `DELETE /api/v1/models/pins` query: the pin by alias or by route. */
export const modelPinTargetQuerySchema = z.object({
  alias: z.string().optional(),
  route: z.string().optional(),
});

export const modelsApi = {
  list: defineEndpoint({
    method: "GET",
    path: "/api/v1/models",
    auth: "secret",
    summary: "models seen, pinned or floating, with served-model changes",
    response: listOf(typed<ModelSeen>()),
  }),
  pins: defineEndpoint({
    method: "GET",
    path: "/api/v1/models/pins",
    auth: "secret",
    summary: "the policy in effect, every pin and the shadow routes, each with its origin",
    response: typed<ModelPinsView>(),
  }),
  setPolicy: defineEndpoint({
    method: "PUT",
    path: "/api/v1/models/policy",
    auth: "secret",
    summary: "sets the project's pin policy (null: follow the config file's)",
    body: z.object({ policy: pinPolicySchema.nullable() }),
    response: z.object({ policy: pinPolicySchema }),
  }),
  putPin: defineEndpoint({
    method: "PUT",
    path: "/api/v1/models/pins",
    auth: "secret",
    summary: "pins an alias or a route to a snapshot",
    body: modelPinSchema,
    response: modelPinSchema,
  }),
  deletePin: defineEndpoint({
    method: "DELETE",
    path: "/api/v1/models/pins",
    auth: "secret",
    summary: "removes a pin named by ?alias= or ?route=",
    query: modelPinTargetQuerySchema,
    response: noContent,
    statuses: [204],
    responseKind: "none",
  }),
} as const;
