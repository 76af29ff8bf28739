/** The Call: one logged LLM interaction, as stored and as sent to ingest. */
import { z } from "zod";
import { callInputSchema, callOutputSchema } from "./message.js";
import { timestampSchema } from "./timestamp.js";

export const callSources = ["sdk", "gateway", "otlp", "shadow"] as const;
export type CallSource = (typeof callSources)[number];

export const callStatuses = ["ok", "error"] as const;
export type CallStatus = (typeof callStatuses)[number];

/** Ids are opaque strings; the SDK and server make time-ordered UUIDv7s. */
export const callIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:-]+$/, "ids may hold letters, digits and . _ : - only");

export const usageSchema = z.object({
  inputTokens: z.number().int().nonnegative().nullable(),
  outputTokens: z.number().int().nonnegative().nullable(),
  cachedInputTokens: z.number().int().nonnegative().nullable().optional(),
  /** True when genchi counted the tokens itself because the call came without usage. */
  estimated: z.boolean().optional(),
});
export type Usage = z.infer<typeof usageSchema>;

const shortText = z.string().max(512);
const nullableShort = shortText.nullable().optional();

/**
 * A call as a client sends it to `POST /api/v1/ingest`. Only `input` is required;
 * everything else has a default. Unknown fields are dropped with a warning.
 */
export const callInSchema = z.object({
  id: callIdSchema.optional(),
  timestamp: timestampSchema.optional(),
  route: nullableShort,
  source: z.enum(callSources).optional(),
  provider: nullableShort,
  requestedModel: nullableShort,
  model: nullableShort,
  input: callInputSchema,
  output: callOutputSchema.optional(),
  status: z.enum(callStatuses).optional(),
  error: z.string().max(10_000).nullable().optional(),
  latencyMs: z.number().nonnegative().nullable().optional(),
  ttftMs: z.number().nonnegative().nullable().optional(),
  usage: usageSchema.nullable().optional(),
  costUsd: z.number().nonnegative().nullable().optional(),
  userId: nullableShort,
  sessionId: nullableShort,
  promptVersion: nullableShort,
  tags: z.array(z.string().min(1).max(200)).max(64).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  shadowOf: callIdSchema.nullable().optional(),
  finishReason: nullableShort,
  traceId: nullableShort,
  spanId: nullableShort,
});
export type CallIn = z.infer<typeof callInSchema>;

/** A stored call, every field present. */
export const callSchema = z.object({
  id: callIdSchema,
  timestamp: z.iso.datetime({ offset: true }),
  route: z.string().nullable(),
  source: z.enum(callSources),
  provider: z.string().nullable(),
  requestedModel: z.string().nullable(),
  model: z.string().nullable(),
  input: callInputSchema,
  output: callOutputSchema,
  status: z.enum(callStatuses),
  error: z.string().nullable(),
  latencyMs: z.number().nullable(),
  ttftMs: z.number().nullable(),
  usage: usageSchema.nullable(),
  costUsd: z.number().nullable(),
  userId: z.string().nullable(),
  sessionId: z.string().nullable(),
  promptVersion: z.string().nullable(),
  tags: z.array(z.string()),
  metadata: z.record(z.string(), z.unknown()),
  shadowOf: z.string().nullable(),
  finishReason: z.string().nullable(),
  traceId: z.string().nullable(),
  spanId: z.string().nullable(),
});
export type Call = z.infer<typeof callSchema>;

/** The names of the fields a client may send for a call (for unknown-field warnings). */
export const callInFields: ReadonlySet<string> = new Set(Object.keys(callInSchema.shape));
