/**
 * Turns one untrusted call from a client into a complete stored Call: validation with
 * a message naming the bad field, unknown fields dropped with a warning, NUL characters
 * removed with a warning (PostgreSQL cannot store them), defaults filled,
 * tokens counted when usage is absent, cost from the price table.
 */
import { computeCost, countInputTokens, countOutputTokens, type ModelPrice } from "@genchi/core";
import { uuidv7 } from "@genchi/sdk";
import { type Call, type CallIn, callInFields, callInSchema, type ErrorCode } from "@genchi/spec";
import { unknownFieldWarnings, zodIssueToError } from "../../platform/http/validation-errors.js";
import { nulWarning, withoutNul } from "./strip-nul.js";

export type Normalized<T> =
  | { ok: true; value: T; warnings: string[] }
  | { ok: false; error: { code: ErrorCode; message: string; field?: string } };

export interface NormalizeOptions {
  /** Source to use when the client does not say (`sdk` for ingest, `otlp` for traces). */
  defaultSource?: Call["source"];
  prices?: Readonly<Record<string, ModelPrice>>;
  now?: number;
}

/**
 * @example normalizeCall({ input: "hi", model: "gpt-4o-mini" }).ok // → true
 */
export function normalizeCall(raw: unknown, options: NormalizeOptions = {}): Normalized<Call> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { ok: false, error: { code: "GENCHI_VALIDATION", message: "a call must be a JSON object" } };
  }
  const parsed = callInSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: zodIssueToError(parsed.error) };
  const clean = withoutNul(parsed.data);
  const warnings = unknownFieldWarnings(raw, callInFields);
  if (clean.fields.length > 0) warnings.push(nulWarning(clean.fields));
  return { ok: true, value: completeCall(clean.value, options), warnings };
}

/** Fills every default of a validated call. */
export function completeCall(call: CallIn, options: NormalizeOptions = {}): Call {
  const status = call.status ?? (call.error ? "error" : "ok");
  const output = call.output ?? null;
  let usage = call.usage === undefined ? null : call.usage;
  if (call.usage === undefined && status === "ok") {
    usage = {
      inputTokens: countInputTokens(call.input),
      outputTokens: countOutputTokens(output),
      estimated: true,
    };
  }
  const model = call.model ?? call.requestedModel ?? null;
  return {
    id: call.id ?? uuidv7(),
    timestamp: call.timestamp
      ? new Date(call.timestamp).toISOString()
      : new Date(options.now ?? Date.now()).toISOString(),
    route: call.route ?? null,
    source: call.source ?? options.defaultSource ?? "sdk",
    provider: call.provider ?? null,
    requestedModel: call.requestedModel ?? null,
    model,
    input: call.input,
    output,
    status,
    error: call.error ?? null,
    latencyMs: call.latencyMs ?? null,
    ttftMs: call.ttftMs ?? null,
    usage,
    costUsd: call.costUsd !== undefined ? call.costUsd : computeCost(model, usage, options.prices),
    userId: call.userId ?? null,
    sessionId: call.sessionId ?? null,
    promptVersion: call.promptVersion ?? null,
    tags: call.tags ?? [],
    metadata: call.metadata ?? {},
    shadowOf: call.shadowOf ?? null,
    finishReason: call.finishReason ?? null,
    traceId: call.traceId ?? null,
    spanId: call.spanId ?? null,
  };
}
