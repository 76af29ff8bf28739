/**
 * Builds the Call of a finished gateway exchange from what was recorded on the hot path
 * (request body, response chunks and their arrival times). Runs after the response was sent.
 */
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import type { CallIn } from "@genchi/spec";
import { dialects, type GatewayPath } from "./dialects.js";
import { fitCallLimits } from "./gateway-call-limits.js";
import { type RawSseEvent, SseSplitter } from "./sse-splitter.js";

export interface GatewayMeta {
  route: string | null;
  userId: string | null;
  sessionId: string | null;
  promptVersion: string | null;
  tags: string[];
}

export interface Exchange {
  id: string;
  timestamp: string;
  path: GatewayPath;
  upstream: string;
  requestBody: Record<string, unknown> | null;
  requestedModel: string | null;
  forwardedModel: string | null;
  meta: GatewayMeta;
  warnings: string[];
  resolvedFrom: string | null;
  /** null: no response head (timeout, connection refused, client gone first). */
  status: number | null;
  responseHeaders: Record<string, string | string[] | undefined>;
  chunks: Buffer[];
  /** ms since the request arrived, one per chunk. */
  chunkTimes: number[];
  complete: boolean;
  latencyMs: number;
  /** Set when genchi itself answered (timeout, unreachable upstream, rejected by pin policy). */
  gatewayError: string | null;
}

const header = (v: string | string[] | undefined): string | null =>
  Array.isArray(v) ? (v[0] ?? null) : (v ?? null);

function decode(body: Buffer, encoding: string | null): Buffer {
  try {
    if (encoding === "gzip" || encoding === "x-gzip") return gunzipSync(body);
    if (encoding === "br") return brotliDecompressSync(body);
    if (encoding === "deflate") return inflateSync(body);
  } catch {
    return body;
  }
  return body;
}

type Headers = Record<string, string | string[] | undefined>;

/** A metadata header's value cut to 512 characters; null when absent or empty. */
function clipped(value: string | string[] | undefined): string | null {
  const v = header(value);
  return v && v.length > 0 ? v.slice(0, 512) : null;
}

/** The route from the `x-genchi-route` header's value (what pinning needs before the request goes upstream). */
export function routeOf(value: string | string[] | undefined): string | null {
  return clipped(value);
}

/** Reads `x-genchi-*` metadata headers. */
export function gatewayMetaOf(headers: Headers): GatewayMeta {
  const tags = (header(headers["x-genchi-tags"]) ?? "")
    .split(",")
    .map((t) => t.trim().slice(0, 200))
    .filter((t) => t.length > 0)
    .slice(0, 64);
  return {
    route: routeOf(headers["x-genchi-route"]),
    userId: clipped(headers["x-genchi-user"]),
    sessionId: clipped(headers["x-genchi-session"]),
    promptVersion: clipped(headers["x-genchi-prompt-version"]),
    tags,
  };
}

/**
 * The call is fitted to ingest's limits (gateway-call-limits.ts), so one the client was answered
 * is stored even when a field is beyond them (a model name over 512 characters, an empty role);
 * what was changed is listed in `metadata.warnings`.
 *
 * @example queue.push({ projectId, call: buildGatewayCall(exchange) })
 */
export function buildGatewayCall(x: Exchange, source: "gateway" | "shadow" = "gateway"): CallIn {
  const dialect = dialects[x.path];
  const encoding = header(x.responseHeaders["content-encoding"]);
  const contentType = header(x.responseHeaders["content-type"]) ?? "";
  const body = decode(Buffer.concat(x.chunks), encoding);
  const text = body.toString("utf8");
  const isStream = contentType.includes("text/event-stream");
  let fields = { output: null, usage: null, model: null, finishReason: null } as ReturnType<
    typeof dialect.fromJson
  >;
  let ttftMs: number | null = null;
  let error: string | null = x.gatewayError;
  if (x.status !== null && x.status < 400 && isStream) {
    const events: RawSseEvent[] = [];
    const splitter = new SseSplitter();
    const raw = encoding ? [body] : x.chunks;
    raw.forEach((chunk, i) => {
      for (const e of splitter.push(chunk)) {
        events.push(e);
        if (ttftMs === null && dialect.isContent(e)) ttftMs = x.chunkTimes[encoding ? 0 : i] ?? null;
      }
    });
    events.push(...splitter.flush());
    fields = dialect.fromEvents(events);
    if (!x.complete) error ??= "stream cut short: the upstream closed the connection before the end";
  } else if (x.status !== null && x.status < 400) {
    ttftMs = x.chunkTimes[0] ?? null;
    try {
      fields = dialect.fromJson(JSON.parse(text));
    } catch {
      error ??= `upstream answered ${x.status} with a body that is not valid JSON: ${text.slice(0, 500)}`;
    }
    if (!x.complete) error ??= "response cut short: the upstream closed the connection before the end";
  } else if (x.status !== null) {
    error ??= `upstream answered HTTP ${x.status}: ${text.slice(0, 2_000)}`;
  }
  const ok = error === null;
  const metadata: Record<string, unknown> = {
    gateway: { upstream: x.upstream, path: x.path, httpStatus: x.status, stream: isStream },
  };
  const retryAfter = header(x.responseHeaders["retry-after"]);
  if (retryAfter) metadata["retryAfter"] = retryAfter;
  const requestId = header(x.responseHeaders["x-request-id"]) ?? header(x.responseHeaders["request-id"]);
  if (requestId) metadata["upstreamRequestId"] = requestId;
  if (x.warnings.length > 0) metadata["warnings"] = x.warnings;
  if (x.resolvedFrom) metadata["pinResolvedFrom"] = x.resolvedFrom;
  const call: CallIn = {
    id: x.id,
    timestamp: x.timestamp,
    source,
    route: x.meta.route,
    provider: x.upstream,
    requestedModel: x.requestedModel,
    model: fields.model ?? x.forwardedModel,
    input: x.requestBody ? dialect.input(x.requestBody) : "(request body is not JSON)",
    output: fields.output,
    status: ok ? "ok" : "error",
    error: error ? error.slice(0, 10_000) : null,
    latencyMs: Math.round(x.latencyMs * 100) / 100,
    ttftMs: ttftMs === null ? null : Math.round(ttftMs * 100) / 100,
    userId: x.meta.userId,
    sessionId: x.meta.sessionId,
    promptVersion: x.meta.promptVersion,
    tags: x.meta.tags,
    metadata,
    finishReason: fields.finishReason,
  };
  // Usage: what the upstream reported; unknown (null) when the exchange did not complete;
  // left out on a complete success without usage so ingest estimates it (marked estimated).
  if (!x.complete) call.usage = null;
  else if (fields.usage) call.usage = fields.usage;
  else if (!ok) call.usage = null;
  const fitted = fitCallLimits(call);
  if (fitted.length > 0) metadata["warnings"] = [...x.warnings, ...fitted];
  return call;
}
