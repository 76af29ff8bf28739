/**
 * OTLP spans to genchi Calls. `otlpRequestToCalls` maps a whole export: one Call per LLM
 * span, other spans counted and skipped. `otlpSpanToCall` maps one span: it asks each
 * convention reader (Vercel AI SDK, OpenInference, GenAI) whether the span is an LLM
 * call, merges what they read (the first reader with a value wins), and adds what every
 * span has: ids, timing, status, and route/user/session from `genchi.*` or common
 * attributes, on the span or an ancestor.
 */
import type { CallIn } from "@genchi/spec";
import { readGenAiConvention } from "./genai-convention.js";
import type { ConventionReader, ConventionReading, LlmSpanFields } from "./llm-span-fields.js";
import { readOpenInferenceConvention } from "./openinference-convention.js";
import { attrString, attrStringList } from "./otlp-attributes.js";
import {
  OTLP_STATUS_ERROR,
  type OtlpAttributes,
  type OtlpSpan,
  type OtlpTraceRequest,
} from "./otlp-trace-request.js";
import { readVercelAiConvention } from "./vercel-ai-convention.js";

/** Readers in order of precedence: the more specific convention first. */
const READERS: readonly ConventionReader[] = [
  readVercelAiConvention,
  readOpenInferenceConvention,
  readGenAiConvention,
];

/** Where a span sits: its resource and scope, and a way to look up its ancestors. */
export interface OtlpSpanContext {
  resource: OtlpAttributes;
  scope?: { name: string; version: string };
  /** The span with this id in the same request, if any (for inherited route/user/session). */
  findSpan?: (spanId: string) => OtlpSpan | undefined;
}

const SHORT = 512;
const MAX_ANCESTORS = 64;

function clip(value: string | undefined, max = SHORT): string | undefined {
  return value === undefined ? undefined : value.slice(0, max);
}

function tokens(n: number | undefined): number | null {
  return n === undefined || !Number.isFinite(n) || n < 0 ? null : Math.round(n);
}

function nanosToMs(nanos: string): number | undefined {
  if (!/^\d+$/.test(nanos) || nanos === "0") return undefined;
  return Number(BigInt(nanos) / 1000n) / 1000;
}

/** The span and its ancestors (nearest first), then the resource, as attribute maps. */
function lineage(span: OtlpSpan, context: OtlpSpanContext): OtlpAttributes[] {
  const out: OtlpAttributes[] = [span.attributes];
  let parentId = span.parentSpanId;
  for (let i = 0; parentId && context.findSpan && i < MAX_ANCESTORS; i++) {
    const parent = context.findSpan(parentId);
    if (!parent) break;
    out.push(parent.attributes);
    parentId = parent.parentSpanId;
  }
  out.push(context.resource);
  return out;
}

function firstInLineage(attrsList: OtlpAttributes[], ...keys: string[]): string | undefined {
  for (const attrs of attrsList) {
    const v = attrString(attrs, ...keys);
    if (v !== undefined) return v;
  }
  return undefined;
}

function merge(readings: ConventionReading[]): LlmSpanFields {
  const merged: LlmSpanFields = {};
  const metadata: Record<string, unknown> = {};
  for (const { fields } of [...readings].reverse()) {
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined && key !== "metadata") (merged as Record<string, unknown>)[key] = value;
    }
    Object.assign(metadata, fields.metadata);
  }
  merged.metadata = metadata;
  return merged;
}

function errorOf(span: OtlpSpan): string {
  if (span.status.message) return span.status.message;
  const exception = span.events.find((e) => e.name === "exception");
  const fromEvent = exception && attrString(exception.attributes, "exception.message", "exception.type");
  return fromEvent ?? attrString(span.attributes, "error.type") ?? "the span ended with status ERROR";
}

/**
 * The Call an LLM span stands for, or `null` for any other span. The id is
 * `<traceId>-<spanId>`, so a retried export stores nothing twice.
 *
 * @example
 * otlpSpanToCall(span, { resource })
 * // → { id: "5b8e…c60c-eee1…3e12", source: "otlp", model: "gpt-4o-mini", usage: { inputTokens: 12, outputTokens: 3 }, … }
 */
export function otlpSpanToCall(span: OtlpSpan, context: OtlpSpanContext): CallIn | null {
  const readings = READERS.map((read) => read(span, context.resource));
  if (readings.some((r) => r.verdict === "not-llm") || !readings.some((r) => r.verdict === "llm"))
    return null;
  const f = merge(readings.filter((r) => r.verdict === "llm"));
  const up = lineage(span, context);

  const call: CallIn = { source: "otlp", input: f.input ?? "" };
  if (/^[0-9a-f]{32}$/.test(span.traceId) && /^[0-9a-f]{16}$/.test(span.spanId)) {
    call.id = `${span.traceId}-${span.spanId}`;
  }
  const startMs = nanosToMs(span.startTimeUnixNano);
  const endMs = nanosToMs(span.endTimeUnixNano);
  if (startMs !== undefined) call.timestamp = new Date(startMs).toISOString();
  if (startMs !== undefined && endMs !== undefined && endMs >= startMs) call.latencyMs = endMs - startMs;
  if (f.ttftMs !== undefined && f.ttftMs >= 0) call.ttftMs = f.ttftMs;

  const route = attrString(span.attributes, "genchi.route") ?? f.route ?? firstInLineage(up, "genchi.route");
  const userId = attrString(span.attributes, "genchi.user_id", "user.id", "enduser.id") ?? f.userId;
  const sessionId = attrString(span.attributes, "genchi.session_id", "session.id") ?? f.sessionId;
  const setShort = (
    key:
      | "route"
      | "provider"
      | "requestedModel"
      | "model"
      | "userId"
      | "sessionId"
      | "promptVersion"
      | "finishReason",
    value: string | undefined,
  ) => {
    const v = clip(value);
    if (v !== undefined) call[key] = v;
  };
  setShort("route", route);
  setShort("provider", f.provider);
  setShort("requestedModel", f.requestedModel);
  setShort("model", f.model ?? f.requestedModel);
  setShort("userId", userId ?? firstInLineage(up, "genchi.user_id", "user.id", "enduser.id"));
  setShort(
    "sessionId",
    sessionId ?? firstInLineage(up, "genchi.session_id", "session.id", "gen_ai.conversation.id"),
  );
  setShort("promptVersion", firstInLineage(up, "genchi.prompt_version"));
  setShort("finishReason", f.finishReasons?.[0]);

  const tags = [...attrStringList(span.attributes, "genchi.tags"), ...(f.tags ?? [])]
    .flatMap((t) => t.split(","))
    .map((t) => t.trim().slice(0, 200))
    .filter((t) => t !== "");
  if (tags.length > 0) call.tags = [...new Set(tags)].slice(0, 64);

  if (f.output !== undefined) call.output = f.output;
  if (span.status.code === OTLP_STATUS_ERROR) {
    call.status = "error";
    call.error = errorOf(span).slice(0, 10_000);
  } else call.status = "ok";

  if (f.inputTokens !== undefined || f.outputTokens !== undefined || f.cachedInputTokens !== undefined) {
    call.usage = { inputTokens: tokens(f.inputTokens), outputTokens: tokens(f.outputTokens) };
    const cached = tokens(f.cachedInputTokens);
    if (cached !== null) call.usage.cachedInputTokens = cached;
  }
  if (span.traceId) call.traceId = span.traceId;
  if (span.spanId) call.spanId = span.spanId;

  const metadata: Record<string, unknown> = { spanName: span.name };
  const service = attrString(context.resource, "service.name");
  if (service) metadata.serviceName = service;
  if (context.scope?.name) metadata.scope = context.scope.name;
  if (span.parentSpanId) metadata.parentSpanId = span.parentSpanId;
  if (f.operation) metadata.operation = f.operation;
  if (f.responseId) metadata.responseId = f.responseId;
  if (f.finishReasons) metadata.finishReasons = f.finishReasons;
  metadata.conventions = readings.filter((r) => r.verdict === "llm").map((r) => r.convention);
  call.metadata = { ...metadata, ...f.metadata };
  return call;
}

export interface OtlpCallsResult {
  /** One Call per LLM span, `source: "otlp"`, id `<traceId>-<spanId>`, in request order. */
  calls: CallIn[];
  /** Spans that are not LLM calls (HTTP, DB, agent or tool spans…): skipped, not errors. */
  ignoredSpans: number;
}

/**
 * Maps a decoded OTLP trace export to calls for the ingest path.
 *
 * @example
 * const { calls, ignoredSpans } = otlpRequestToCalls(decodeOtlpTraces(body, "application/x-protobuf"));
 * await ingest.ingest(projectId, { calls }, { defaultSource: "otlp" });
 */
export function otlpRequestToCalls(request: OtlpTraceRequest): OtlpCallsResult {
  const byId = new Map<string, OtlpSpan>();
  for (const rs of request.resourceSpans)
    for (const ss of rs.scopeSpans) for (const span of ss.spans) if (span.spanId) byId.set(span.spanId, span);
  const findSpan = (spanId: string) => byId.get(spanId);
  const calls: CallIn[] = [];
  let ignoredSpans = 0;
  for (const rs of request.resourceSpans) {
    for (const ss of rs.scopeSpans) {
      for (const span of ss.spans) {
        const call = otlpSpanToCall(span, { resource: rs.resource, scope: ss.scope, findSpan });
        if (call) calls.push(call);
        else ignoredSpans++;
      }
    }
  }
  return { calls, ignoredSpans };
}
