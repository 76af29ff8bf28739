import { GenchiError } from "@genchi/spec";
import { beforeAll, describe, expect, it } from "vitest";
import { encodeSpans, recordSdkSpans, T0_SECONDS } from "./__fixtures__/record-sdk-spans.js";
import { decodeOtlpTraces } from "./decode-otlp-traces.js";
import type { OtlpTraceRequest } from "./otlp-trace-request.js";

const PROTOBUF = "application/x-protobuf";
const JSON_TYPE = "application/json";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GenchiError);
    return (error as GenchiError).code;
  }
  return undefined;
}

/** A little deterministic PRNG for garbage bytes. */
function garbage(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = x >> 16;
  }
  return out;
}

describe("decodeOtlpTraces", () => {
  let encoded: { protobuf: Buffer; json: Buffer };
  let traceId: string;
  beforeAll(async () => {
    const spans = await recordSdkSpans();
    traceId = spans[0]!.spanContext().traceId;
    encoded = encodeSpans(spans);
  });

  it("decodes what the OpenTelemetry protobuf serializer writes", () => {
    const req = decodeOtlpTraces(encoded.protobuf, PROTOBUF);
    expect(req.resourceSpans).toHaveLength(1);
    const rs = req.resourceSpans[0]!;
    expect(rs.resource["service.name"]).toBe("unit-app");
    expect(rs.scopeSpans[0]!.scope).toEqual({ name: "genai-unit", version: "1.2.3" });
    const spans = rs.scopeSpans[0]!.spans;
    expect(spans.map((s) => s.name).sort()).toEqual(["POST /ask", "chat gpt-4o", "chat gpt-4o-mini"]);
    const chat = spans.find((s) => s.name === "chat gpt-4o-mini")!;
    const root = spans.find((s) => s.name === "POST /ask")!;
    expect(chat.traceId).toBe(traceId);
    expect(chat.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(chat.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(chat.parentSpanId).toBe(root.spanId);
    expect(root.parentSpanId).toBe("");
    expect(chat.kind).toBe(3);
    expect(root.kind).toBe(2);
    expect(chat.startTimeUnixNano).toBe(`${T0_SECONDS}005000000`);
    expect(chat.endTimeUnixNano).toBe(`${T0_SECONDS + 1}255000000`);
    expect(chat.attributes["gen_ai.request.model"]).toBe("gpt-4o-mini");
    expect(chat.attributes["gen_ai.usage.input_tokens"]).toBe(12);
    expect(chat.attributes["gen_ai.request.temperature"]).toBe(0.5);
    expect(chat.attributes["gen_ai.request.stream"]).toBe(false);
    expect(chat.attributes["gen_ai.response.finish_reasons"]).toEqual(["stop"]);
    expect(chat.attributes["test.negative"]).toBe(-7);
    expect(chat.attributes["test.big"]).toBe(2 ** 40);
    expect(chat.events).toEqual([
      { name: "gen_ai.custom", timeUnixNano: `${T0_SECONDS}006000000`, attributes: { "event.detail": "x" } },
    ]);
    const failed = spans.find((s) => s.name === "chat gpt-4o")!;
    expect(failed.status).toEqual({ code: 2, message: "upstream 500" });
  });

  it("decodes protobuf and JSON of the same spans to the same request", () => {
    const fromProto = decodeOtlpTraces(encoded.protobuf, PROTOBUF);
    const fromJson = decodeOtlpTraces(encoded.json, "application/json; charset=utf-8");
    expect(fromJson).toEqual(fromProto);
  });

  it("accepts an empty protobuf body as an empty request", () => {
    expect(decodeOtlpTraces(Buffer.alloc(0), PROTOBUF)).toEqual({ resourceSpans: [] });
  });

  it("rejects garbage protobuf with GENCHI_BAD_OTLP", () => {
    expect(codeOf(() => decodeOtlpTraces(Buffer.from("this is not protobuf at all"), PROTOBUF))).toBe(
      "GENCHI_BAD_OTLP",
    );
    expect(codeOf(() => decodeOtlpTraces(Buffer.from("garbage"), PROTOBUF))).toBe("GENCHI_BAD_OTLP");
    expect(codeOf(() => decodeOtlpTraces(Buffer.from([0xff, 0xff, 0xff, 0xff]), PROTOBUF))).toBe(
      "GENCHI_BAD_OTLP",
    );
    // resource_spans (field 1) sent as a varint instead of a message
    expect(codeOf(() => decodeOtlpTraces(Buffer.from([0x08, 0x01]), PROTOBUF))).toBe("GENCHI_BAD_OTLP");
    for (let seed = 1; seed <= 50; seed++) {
      expect(
        codeOf(() => decodeOtlpTraces(garbage(64, seed), PROTOBUF)),
        `seed ${seed}`,
      ).toBe("GENCHI_BAD_OTLP");
    }
  });

  it("rejects every truncation of a valid protobuf request", () => {
    const full = encoded.protobuf;
    for (let cut = 1; cut < full.length; cut++) {
      expect(
        codeOf(() => decodeOtlpTraces(full.subarray(0, cut), PROTOBUF)),
        `cut at ${cut}`,
      ).toBe("GENCHI_BAD_OTLP");
    }
  });

  it("names the problem in the error message", () => {
    try {
      decodeOtlpTraces(encoded.protobuf.subarray(0, encoded.protobuf.length - 3), PROTOBUF);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toMatch(/not a valid OTLP ExportTraceServiceRequest in protobuf/);
    }
  });

  it("reads OTLP/JSON variants: enum names, string ints, base64 ids, snake_case", () => {
    const body = {
      resource_spans: [
        {
          resource: { attributes: [{ key: "service.name", value: { stringValue: "svc" } }] },
          scope_spans: [
            {
              scope: { name: "s" },
              spans: [
                {
                  trace_id: Buffer.from("5b8efff798038103d269b633813fc60c", "hex").toString("base64"),
                  span_id: "EEE19B7EC3C1B174",
                  name: "x",
                  kind: "SPAN_KIND_CLIENT",
                  start_time_unix_nano: 1735689600000000000,
                  endTimeUnixNano: "1735689601000000000",
                  attributes: [
                    { key: "n", value: { intValue: "42" } },
                    { key: "d", value: { doubleValue: 1.5 } },
                    {
                      key: "kv",
                      value: { kvlistValue: { values: [{ key: "a", value: { boolValue: true } }] } },
                    },
                    { key: "empty", value: {} },
                  ],
                  status: { code: "STATUS_CODE_ERROR", message: "bad" },
                },
              ],
            },
          ],
        },
      ],
    };
    const req: OtlpTraceRequest = decodeOtlpTraces(Buffer.from(JSON.stringify(body)), JSON_TYPE);
    const span = req.resourceSpans[0]!.scopeSpans[0]!.spans[0]!;
    expect(span.traceId).toBe("5b8efff798038103d269b633813fc60c");
    expect(span.spanId).toBe("eee19b7ec3c1b174");
    expect(span.kind).toBe(3);
    expect(span.startTimeUnixNano).toBe("1735689600000000000");
    expect(span.endTimeUnixNano).toBe("1735689601000000000");
    expect(span.attributes).toEqual({ n: 42, d: 1.5, kv: { a: true }, empty: null });
    expect(span.status).toEqual({ code: 2, message: "bad" });
    expect(req.resourceSpans[0]!.resource["service.name"]).toBe("svc");
  });

  it("rejects invalid JSON and JSON that is not an export request", () => {
    expect(codeOf(() => decodeOtlpTraces(Buffer.from("{not json"), JSON_TYPE))).toBe("GENCHI_BAD_OTLP");
    expect(codeOf(() => decodeOtlpTraces(Buffer.from("[]"), JSON_TYPE))).toBe("GENCHI_BAD_OTLP");
    expect(codeOf(() => decodeOtlpTraces(Buffer.from('{"resourceSpans":{}}'), JSON_TYPE))).toBe(
      "GENCHI_BAD_OTLP",
    );
    expect(codeOf(() => decodeOtlpTraces(Buffer.from('{"resourceSpans":[7]}'), JSON_TYPE))).toBe(
      "GENCHI_BAD_OTLP",
    );
    expect(decodeOtlpTraces(Buffer.from("{}"), JSON_TYPE)).toEqual({ resourceSpans: [] });
  });

  it("refuses other content types with GENCHI_UNSUPPORTED_MEDIA_TYPE", () => {
    expect(codeOf(() => decodeOtlpTraces(encoded.protobuf, "text/plain"))).toBe(
      "GENCHI_UNSUPPORTED_MEDIA_TYPE",
    );
    expect(codeOf(() => decodeOtlpTraces(encoded.protobuf, ""))).toBe("GENCHI_UNSUPPORTED_MEDIA_TYPE");
    expect(decodeOtlpTraces(encoded.protobuf, "Application/X-Protobuf").resourceSpans).toHaveLength(1);
  });
});
