/**
 * The calls table's row shape, shared by both backends: the same column names, JSON
 * columns as text on the way in. `rowToCall` accepts JSON columns as text (SQLite) or
 * already parsed (PostgreSQL jsonb).
 */
import { callText } from "@genchi/core";
import type { Call, Feedback } from "@genchi/spec";

export const callColumns = [
  "seq",
  "project_id",
  "id",
  "ts",
  "route",
  "source",
  "provider",
  "requested_model",
  "model",
  "status",
  "error",
  "latency_ms",
  "ttft_ms",
  "input_tokens",
  "output_tokens",
  "cached_input_tokens",
  "usage_estimated",
  "cost_usd",
  "user_id",
  "session_id",
  "prompt_version",
  "tags",
  "metadata",
  "shadow_of",
  "finish_reason",
  "trace_id",
  "span_id",
  "input",
  "output",
] as const;

export type CallRow = Record<(typeof callColumns)[number], unknown>;

/** Column values for one call, in `callColumns` order. */
export function callToValues(projectId: number, seq: number, call: Call): unknown[] {
  const usage = call.usage;
  return [
    seq,
    projectId,
    call.id,
    Date.parse(call.timestamp),
    call.route,
    call.source,
    call.provider,
    call.requestedModel,
    call.model,
    call.status,
    call.error,
    call.latencyMs,
    call.ttftMs,
    usage?.inputTokens ?? null,
    usage?.outputTokens ?? null,
    usage?.cachedInputTokens ?? null,
    usage ? (usage.estimated ? 1 : 0) : null,
    call.costUsd,
    call.userId,
    call.sessionId,
    call.promptVersion,
    JSON.stringify(call.tags),
    JSON.stringify(call.metadata),
    call.shadowOf,
    call.finishReason,
    call.traceId,
    call.spanId,
    JSON.stringify(call.input),
    call.output == null ? null : JSON.stringify(call.output),
  ];
}

/** The text that full-text search indexes for a call. */
export function callSearchText(call: Call): string {
  return `${callText(call.input)}\n${callText(call.output)}`;
}

const json = (value: unknown): unknown => (typeof value === "string" ? JSON.parse(value) : value);
const num = (value: unknown): number | null => (value == null ? null : Number(value));
const str = (value: unknown): string | null => (value == null ? null : String(value));

export function rowToCall(row: CallRow): Call {
  const hasUsage = row.usage_estimated != null || row.input_tokens != null || row.output_tokens != null;
  return {
    id: String(row.id),
    timestamp: new Date(Number(row.ts)).toISOString(),
    route: str(row.route),
    source: row.source as Call["source"],
    provider: str(row.provider),
    requestedModel: str(row.requested_model),
    model: str(row.model),
    input: json(row.input) as Call["input"],
    output: (row.output == null ? null : json(row.output)) as Call["output"],
    status: row.status as Call["status"],
    error: str(row.error),
    latencyMs: num(row.latency_ms),
    ttftMs: num(row.ttft_ms),
    usage: hasUsage
      ? {
          inputTokens: num(row.input_tokens),
          outputTokens: num(row.output_tokens),
          ...(row.cached_input_tokens != null ? { cachedInputTokens: num(row.cached_input_tokens) } : {}),
          ...(Number(row.usage_estimated) === 1 || row.usage_estimated === true ? { estimated: true } : {}),
        }
      : null,
    costUsd: num(row.cost_usd),
    userId: str(row.user_id),
    sessionId: str(row.session_id),
    promptVersion: str(row.prompt_version),
    tags: json(row.tags ?? "[]") as string[],
    metadata: json(row.metadata ?? "{}") as Record<string, unknown>,
    shadowOf: str(row.shadow_of),
    finishReason: str(row.finish_reason),
    traceId: str(row.trace_id),
    spanId: str(row.span_id),
  };
}

export const feedbackColumns = [
  "project_id",
  "id",
  "call_id",
  "kind",
  "value",
  "edited_output",
  "comment",
  "user_id",
  "ts",
  "label",
  "metadata",
] as const;

export type FeedbackRow = Record<(typeof feedbackColumns)[number], unknown>;

export function feedbackToValues(projectId: number, f: Feedback): unknown[] {
  return [
    projectId,
    f.id,
    f.callId,
    f.kind,
    f.value == null ? null : JSON.stringify(f.value),
    f.editedOutput,
    f.comment,
    f.userId,
    Date.parse(f.timestamp),
    f.label,
    JSON.stringify(f.metadata),
  ];
}

export function rowToFeedback(row: FeedbackRow): Feedback {
  return {
    id: String(row.id),
    callId: String(row.call_id),
    kind: row.kind as Feedback["kind"],
    value: row.value == null ? null : (json(row.value) as Feedback["value"]),
    editedOutput: str(row.edited_output),
    comment: str(row.comment),
    userId: str(row.user_id),
    timestamp: new Date(Number(row.ts)).toISOString(),
    label: (row.label ?? null) as Feedback["label"],
    metadata: json(row.metadata ?? "{}") as Record<string, unknown>,
  };
}
