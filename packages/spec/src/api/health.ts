/** Liveness and readiness (`GET /api/health`, `GET /api/ready`): no key. */
import { z } from "zod";
import { defineEndpoint } from "./endpoint.js";

/** `GET /api/ready` when storage answers (a 503 answers `status: "unavailable"` with an `error`). */
export const readySchema = z.object({ status: z.literal("ready"), storage: z.string() });
export type Ready = z.infer<typeof readySchema>;

export const healthApi = {
  health: defineEndpoint({
    method: "GET",
    path: "/api/health",
    auth: "none",
    summary: "liveness: the process answers",
    response: z.object({ status: z.literal("ok") }),
  }),
  ready: defineEndpoint({
    method: "GET",
    path: "/api/ready",
    auth: "none",
    summary: "readiness: storage reachable (503 otherwise)",
    response: readySchema,
  }),
} as const;
