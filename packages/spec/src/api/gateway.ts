/**
 * The gateway's REST endpoint (`GET /api/v1/gateway/stats`). The relayed vendor paths
 * (`/v1/chat/completions`, `/v1/responses`, `/v1/embeddings`, `/v1/messages`, `/v1/models`)
 * carry the vendors' own JSON and are not declared here.
 */
import { z } from "zod";
import { defineEndpoint } from "./endpoint.js";

/** The caller's project's gateway counters and this process's memory. */
export const gatewayStatsSchema = z.object({
  log: z.object({
    queued: z.number(),
    writing: z.number(),
    capacity: z.number(),
    enqueued: z.number(),
    written: z.number(),
    rejected: z.number(),
    poisoned: z.number(),
    dropped: z.number(),
    failedWrites: z.number(),
    lastError: z.string().nullable(),
  }),
  shadow: z.object({
    offered: z.number(),
    sampled: z.number(),
    dropped: z.number(),
    completed: z.number(),
    failed: z.number(),
    running: z.number(),
    queued: z.number(),
  }),
  memory: z.object({ rssMiB: z.number(), heapUsedMiB: z.number() }),
});
export type GatewayStats = z.infer<typeof gatewayStatsSchema>;

export const gatewayApi = {
  stats: defineEndpoint({
    method: "GET",
    path: "/api/v1/gateway/stats",
    auth: "secret",
    summary: "the project's gateway log and shadow counters",
    response: gatewayStatsSchema,
  }),
} as const;
