/** `GET /api/v1/bootstrap`: local mode (and then the default key) for the UI, before it has a key. */
import { bootstrapSchema } from "../stats.js";
import { defineEndpoint } from "./endpoint.js";

export const bootstrapApi = {
  get: defineEndpoint({
    method: "GET",
    path: "/api/v1/bootstrap",
    auth: "none",
    summary: "whether the UI runs in local mode, with the default project's key only then",
    response: bootstrapSchema,
  }),
} as const;
