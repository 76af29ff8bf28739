/** The config file's `models:` (pins, pin policy, shadow routes) and `gateway:` (limits) sections. */

import { z } from "zod";
import { modelPinSchema, pinPolicySchema, shadowRouteSchema } from "../models.js";

export const modelsConfigSchema = z
  .object({
    /** Applies to every project that has not set its own policy through the API. */
    policy: pinPolicySchema.default("off"),
    pins: z.array(modelPinSchema).default([]),
    shadow: z.array(shadowRouteSchema).default([]),
  })
  .strict()
  .default({ policy: "off", pins: [], shadow: [] });

export const gatewayConfigSchema = z
  .object({
    /** No response head from the upstream within this long → 504 to the client, call logged as an error. */
    upstreamTimeoutMs: z.number().int().positive().default(600_000),
    /** Calls waiting to be written; beyond this they are dropped and counted. */
    logQueueCapacity: z.number().int().positive().default(20_000),
    /** Calls written per storage round trip; small batches let calls die young (less old-space garbage). */
    logBatchSize: z.number().int().positive().default(100),
    /** Longest a logged call waits for its batch to fill before it is written, ms. */
    logLingerMs: z.number().int().nonnegative().default(1_000),
    shadowConcurrency: z.number().int().positive().default(4),
    shadowQueueCapacity: z.number().int().positive().default(1_000),
    /**
     * The crash spool's folder (calls answered but not yet stored survive kill -9); `null` turns it
     * off. Unset: `spool/` beside the SQLite file, or `./.genchi/spool/<database>` for PostgreSQL.
     */
    spoolDir: z.string().min(1).nullable().optional(),
  })
  .strict()
  .default({
    upstreamTimeoutMs: 600_000,
    logQueueCapacity: 20_000,
    logBatchSize: 100,
    logLingerMs: 1_000,
    shadowConcurrency: 4,
    shadowQueueCapacity: 1_000,
  });

export type ModelsConfig = z.infer<typeof modelsConfigSchema>;
export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
