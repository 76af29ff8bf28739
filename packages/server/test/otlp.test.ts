/**
 * OTLP ingest end to end: the real OpenTelemetry SDK (BasicTracerProvider with
 * Simple/BatchSpanProcessor) and the real OTLP/HTTP exporters (protobuf and JSON, gzip or
 * not) send GenAI spans to a running genchi; the calls come back through the REST API.
 * Garbage and truncated protobuf get 400 and the server keeps answering.
 */
import { gzipSync } from "node:zlib";
import type { Call, CallsPage } from "@genchi/spec";
import { createTempSqlitePath } from "@genchi/testkit";
import { context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { OTLPTraceExporter as HttpJsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanExporter,
} from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../src/app/start-server.js";

const KEY = "gk_test_otlp_ingest_key_0123456789";
type Compression = NonNullable<NonNullable<ConstructorParameters<typeof ProtoExporter>[0]>["compression"]>;

interface ExportResult {
  code: number;
  error?: Error;
}

/** Wraps an exporter to keep each export's result, so a failed export fails the test. */
function recording(inner: SpanExporter): {
  exporter: SpanExporter;
  results: ExportResult[];
  spans: ReadableSpan[];
} {
  const results: ExportResult[] = [];
  const spans: ReadableSpan[] = [];
  const exporter: SpanExporter = {
    export(batch, done) {
      spans.push(...batch);
      inner.export(batch, (result) => {
        results.push(result);
        done(result);
      });
    },
    shutdown: () => inner.shutdown(),
    forceFlush: () => inner.forceFlush?.() ?? Promise.resolve(),
  };
  return { exporter, results, spans };
}

/**
 * Emits one app span with a GenAI chat child and a failed GenAI child, as an instrumented app
 * would. The route sits on the GenAI spans themselves: a SimpleSpanProcessor exports each
 * span alone, so attributes of an ancestor (here `user.id`) are seen only when it shares the batch.
 */
function emitGenAiSpans(provider: BasicTracerProvider, route: string): void {
  const tracer = provider.getTracer("genchi-otlp-test", "0.0.1");
  const root = tracer.startSpan("POST /answer", {
    kind: SpanKind.SERVER,
    attributes: { "genchi.route": route, "user.id": "user-7" },
  });
  const ctx = trace.setSpan(context.active(), root);
  const chat = tracer.startSpan(
    "chat gpt-4o-mini",
    {
      kind: SpanKind.CLIENT,
      attributes: {
        "genchi.route": route,
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": "openai",
        "gen_ai.request.model": "gpt-4o-mini",
        "gen_ai.response.model": "gpt-4o-mini-2024-07-18",
        "gen_ai.usage.input_tokens": 42,
        "gen_ai.usage.output_tokens": 8,
        "gen_ai.response.finish_reasons": ["stop"],
        "gen_ai.conversation.id": `conv-${route}`,
        "gen_ai.system_instructions": JSON.stringify([{ type: "text", content: "Answer briefly." }]),
        "gen_ai.input.messages": JSON.stringify([
          { role: "user", parts: [{ type: "text", content: `What is OTLP? (${route})` }] },
        ]),
        "gen_ai.output.messages": JSON.stringify([
          {
            role: "assistant",
            parts: [{ type: "text", content: "The OpenTelemetry protocol." }],
            finish_reason: "stop",
          },
        ]),
      },
    },
    ctx,
  );
  chat.end();
  const failed = tracer.startSpan(
    "chat gpt-4o",
    {
      kind: SpanKind.CLIENT,
      attributes: {
        "genchi.route": route,
        "gen_ai.operation.name": "chat",
        "gen_ai.system": "openai",
        "gen_ai.request.model": "gpt-4o",
        "gen_ai.usage.prompt_tokens": 5,
        "gen_ai.prompt": JSON.stringify([{ role: "user", content: "fail please" }]),
      },
    },
    ctx,
  );
  failed.setStatus({ code: SpanStatusCode.ERROR, message: "upstream returned 500" });
  failed.end();
  root.end();
}

const variants = [
  { name: "otlp-proto", processor: "simple", compression: "gzip" },
  { name: "otlp-proto", processor: "batch", compression: "none" },
  { name: "otlp-http", processor: "batch", compression: "none" },
  { name: "otlp-http", processor: "simple", compression: "gzip" },
] as const;

describe("OTLP ingest at POST /v1/traces", () => {
  let server: RunningServer;
  let removeDb: () => void;

  const api = (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (!headers.has("authorization")) headers.set("authorization", `Bearer ${KEY}`);
    return fetch(`${server.url}${path}`, { ...init, headers });
  };
  const callsOfRoute = async (route: string): Promise<Call[]> => {
    const res = await api(`/api/v1/calls?route=${encodeURIComponent(route)}&limit=100`);
    expect(res.status).toBe(200);
    return ((await res.json()) as CallsPage).data;
  };

  beforeAll(async () => {
    const tmp = createTempSqlitePath();
    removeDb = tmp.remove;
    server = await startServer({
      db: tmp.path,
      port: 0,
      host: "127.0.0.1",
      initProjectKey: KEY,
      quiet: true,
    });
  });

  afterAll(async () => {
    await server?.close();
    removeDb?.();
  });

  it.each(variants)(
    "$name exporter, $processor processor, compression $compression: spans come back as calls",
    async (v) => {
      const route = `${v.name}-${v.processor}-${v.compression}`;
      const config = {
        url: `${server.url}/v1/traces`,
        headers: { Authorization: `Bearer ${KEY}` },
        compression: v.compression as Compression,
      };
      const inner = v.name === "otlp-proto" ? new ProtoExporter(config) : new HttpJsonExporter(config);
      const rec = recording(inner);
      const processor =
        v.processor === "simple"
          ? new SimpleSpanProcessor(rec.exporter)
          : new BatchSpanProcessor(rec.exporter);
      const provider = new BasicTracerProvider({
        resource: resourceFromAttributes({ "service.name": "otlp-itest" }),
        spanProcessors: [processor],
      });
      emitGenAiSpans(provider, route);
      await provider.forceFlush();

      expect(rec.results.length).toBeGreaterThan(0);
      for (const r of rec.results) expect(r.error?.message ?? "").toBe("");
      expect(rec.results.every((r) => r.code === 0)).toBe(true);

      const calls = await callsOfRoute(route);
      expect(calls).toHaveLength(2);
      const chat = calls.find((c) => c.requestedModel === "gpt-4o-mini")!;
      const chatSpan = rec.spans.find((s) => s.name === "chat gpt-4o-mini")!;
      expect(chat).toMatchObject({
        id: `${chatSpan.spanContext().traceId}-${chatSpan.spanContext().spanId}`,
        source: "otlp",
        provider: "openai",
        model: "gpt-4o-mini-2024-07-18",
        usage: { inputTokens: 42, outputTokens: 8 },
        status: "ok",
        sessionId: `conv-${route}`,
        finishReason: "stop",
        traceId: chatSpan.spanContext().traceId,
        spanId: chatSpan.spanContext().spanId,
      });
      expect(chat.input).toEqual([
        { role: "system", content: "Answer briefly." },
        { role: "user", content: `What is OTLP? (${route})` },
      ]);
      expect(chat.output).toEqual({ role: "assistant", content: "The OpenTelemetry protocol." });
      expect(chat.latencyMs).toBeGreaterThanOrEqual(0);
      // The batch processor sends the app span along, so its user.id reaches the call.
      if (v.processor === "batch") expect(chat.userId).toBe("user-7");
      expect(chat.metadata).toMatchObject({ serviceName: "otlp-itest", operation: "chat" });

      const failed = calls.find((c) => c.requestedModel === "gpt-4o")!;
      expect(failed).toMatchObject({
        status: "error",
        error: "upstream returned 500",
        input: [{ role: "user", content: "fail please" }],
      });
      expect(failed.usage?.inputTokens).toBe(5);

      // A retried export stores nothing twice.
      const again = await new Promise<ExportResult>((resolve) => inner.export(rec.spans, resolve));
      expect(again.code).toBe(0);
      expect(await callsOfRoute(route)).toHaveLength(2);
      await provider.shutdown();
    },
  );

  const postTraces = (body: Buffer, headers: Record<string, string>) =>
    api("/v1/traces", { method: "POST", body: new Uint8Array(body), headers });

  it("answers garbage protobuf with 400 GENCHI_BAD_OTLP and keeps running", async () => {
    for (const body of [Buffer.from("this is not protobuf"), Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f])]) {
      const res = await postTraces(body, { "content-type": "application/x-protobuf" });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("GENCHI_BAD_OTLP");
    }
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
  });

  it("answers truncated protobuf (plain and gzipped) with 400 and keeps running", async () => {
    const rec = recording({ export: (_spans, done) => done({ code: 0 }), shutdown: async () => {} });
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(rec.exporter)] });
    emitGenAiSpans(provider, "truncated");
    await provider.forceFlush();
    await provider.shutdown();
    // One span per request, as a SimpleSpanProcessor sends them: every cut falls inside it.
    const chatSpans = rec.spans.filter((s) => s.name === "chat gpt-4o-mini");
    const full = Buffer.from(ProtobufTraceSerializer.serializeRequest(chatSpans)!);
    for (const cut of [1, 10, Math.floor(full.length / 2), full.length - 1]) {
      const res = await postTraces(full.subarray(0, cut), { "content-type": "application/x-protobuf" });
      expect(res.status, `cut at ${cut}`).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("GENCHI_BAD_OTLP");
    }
    const zipped = await postTraces(gzipSync(full.subarray(0, full.length - 5)), {
      "content-type": "application/x-protobuf",
      "content-encoding": "gzip",
    });
    expect(zipped.status).toBe(400);
    const badGzip = await postTraces(full, {
      "content-type": "application/x-protobuf",
      "content-encoding": "gzip",
    });
    expect(badGzip.status).toBe(400);
    expect(await callsOfRoute("truncated")).toHaveLength(0);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it("answers invalid OTLP/JSON with 400 and an unknown content type with 415", async () => {
    const bad = await postTraces(Buffer.from("{nope"), { "content-type": "application/json" });
    expect(bad.status).toBe(400);
    const other = await postTraces(Buffer.from("hello"), { "content-type": "text/plain" });
    expect(other.status).toBe(415);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it("ignores non-LLM spans without error", async () => {
    const body = {
      resourceSpans: [
        {
          resource: { attributes: [] },
          scopeSpans: [
            {
              spans: [
                {
                  traceId: "0123456789abcdef0123456789abcdef",
                  spanId: "0123456789abcdef",
                  name: "GET /health",
                  kind: 2,
                  startTimeUnixNano: "1735689600000000000",
                  endTimeUnixNano: "1735689600100000000",
                  attributes: [{ key: "genchi.route", value: { stringValue: "non-llm" } }],
                },
              ],
            },
          ],
        },
      ],
    };
    const res = await postTraces(Buffer.from(JSON.stringify(body)), { "content-type": "application/json" });
    expect(res.status).toBe(200);
    expect(await callsOfRoute("non-llm")).toHaveLength(0);
  });

  it("refuses an export without a valid key", async () => {
    const res = await fetch(`${server.url}/v1/traces`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer gk_wrong" },
      body: "{}",
    });
    expect(res.status).toBe(401);
  });
});
