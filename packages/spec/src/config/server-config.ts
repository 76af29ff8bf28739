/**
 * The server's settings: defaults and the shape of the YAML config file (`genchi.yaml`), a
 * public surface like the API's. Flags and env override it (the server's `load-config.ts`).
 */
import { z } from "zod";
import { driftConfigSchema } from "./drift-config.js";
import { gatewayConfigSchema, modelsConfigSchema } from "./gateway-config.js";

export const upstreamSchema = z.object({
  baseUrl: z.url(),
  /** Name of an environment variable holding the upstream API key (the key itself never goes in a file). */
  apiKeyEnv: z.string().optional(),
});

export const serverConfigSchema = z
  .object({
    port: z.number().int().min(0).max(65535).default(4242),
    host: z.string().default("127.0.0.1"),
    db: z.string().default("./.genchi/genchi.db"),
    upstreams: z.record(z.string(), upstreamSchema).default({}),
    /** Delete calls older than this many days (checked hourly). Unset: keep everything. */
    retentionDays: z.number().positive().nullable().default(null),
    /**
     * Feedback naming a call not stored yet is held this long for the call to arrive, then
     * deleted (checked hourly): a late call still gets its feedback, a wrong id does not pile up.
     */
    feedbackHoldHours: z.number().positive().default(24),
    /** Largest request body accepted, in bytes (larger → 413). */
    maxBodyBytes: z
      .number()
      .int()
      .positive()
      .default(20 * 1024 * 1024),
    /** Model pins, pin policy and shadow routes (see ./gateway-config.ts). */
    models: modelsConfigSchema,
    /** Gateway limits: upstream timeout, log and shadow queues. */
    gateway: gatewayConfigSchema,
    /** The daily drift report per route (see ./drift-config.ts). */
    drift: driftConfigSchema,
    /** Extra or overriding model prices, USD per million tokens. */
    prices: z
      .record(
        z.string(),
        z.object({ input: z.number(), output: z.number(), cachedInput: z.number().optional() }),
      )
      .default({}),
  })
  .strict();

export type ServerConfig = z.infer<typeof serverConfigSchema>;
export type ServerConfigInput = z.input<typeof serverConfigSchema>;
