/**
 * Spans recorded with the real OpenTelemetry SDK (BasicTracerProvider + InMemorySpanExporter)
 * and encoded with the real OTLP serializers, for decoder tests.
 */
import { context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";

export const T0_SECONDS = 1735689600; // 2025-01-01T00:00:00Z

/** A server span with a GenAI chat child (with an event and mixed attribute types) and a failed child. */
export async function recordSdkSpans(): Promise<ReadableSpan[]> {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": "unit-app", "deployment.environment": "test" }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer("genai-unit", "1.2.3");
  const root = tracer.startSpan("POST /ask", {
    kind: SpanKind.SERVER,
    startTime: [T0_SECONDS, 0],
    attributes: { "genchi.route": "ask", "user.id": "u-1" },
  });
  const ctx = trace.setSpan(context.active(), root);
  const chat = tracer.startSpan(
    "chat gpt-4o-mini",
    {
      kind: SpanKind.CLIENT,
      startTime: [T0_SECONDS, 5_000_000],
      attributes: {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": "openai",
        "gen_ai.request.model": "gpt-4o-mini",
        "gen_ai.response.model": "gpt-4o-mini-2024-07-18",
        "gen_ai.request.temperature": 0.5,
        "gen_ai.request.stream": false,
        "gen_ai.usage.input_tokens": 12,
        "gen_ai.usage.output_tokens": 3,
        "gen_ai.response.finish_reasons": ["stop"],
        "gen_ai.input.messages": JSON.stringify([{ role: "user", parts: [{ type: "text", content: "Hello?" }] }]),
        "gen_ai.output.messages": JSON.stringify([
          { role: "assistant", parts: [{ type: "text", content: "Hi there" }], finish_reason: "stop" },
        ]),
        "test.negative": -7,
        "test.big": 2 ** 40,
      },
    },
    ctx,
  );
  chat.addEvent("gen_ai.custom", { "event.detail": "x" }, [T0_SECONDS, 6_000_000]);
  chat.end([T0_SECONDS, 1_255_000_000]);
  const failed = tracer.startSpan("chat gpt-4o", {
    startTime: [T0_SECONDS + 2, 0],
    attributes: { "gen_ai.provider.name": "openai", "gen_ai.request.model": "gpt-4o" },
  }, ctx);
  failed.setStatus({ code: SpanStatusCode.ERROR, message: "upstream 500" });
  failed.end([T0_SECONDS + 3, 0]);
  root.end([T0_SECONDS + 4, 0]);
  await provider.forceFlush();
  const spans = exporter.getFinishedSpans();
  await provider.shutdown();
  return spans;
}

/** The spans encoded as an OpenTelemetry OTLP exporter would send them. */
export function encodeSpans(spans: ReadableSpan[]): { protobuf: Buffer; json: Buffer } {
  return {
    protobuf: Buffer.from(ProtobufTraceSerializer.serializeRequest(spans) ?? new Uint8Array()),
    json: Buffer.from(JsonTraceSerializer.serializeRequest(spans) ?? new Uint8Array()),
  };
}
