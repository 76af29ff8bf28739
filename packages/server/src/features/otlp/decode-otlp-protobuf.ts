/**
 * Decodes a binary `ExportTraceServiceRequest` (OTLP/HTTP `application/x-protobuf`) with
 * the protobufjs code that OpenTelemetry JS generates from the OTLP protos (shipped in
 * @opentelemetry/otlp-transformer 0.215), then reads it like OTLP/JSON. Truncated or
 * garbage bytes fail with `GENCHI_BAD_OTLP`.
 */
import { createRequire } from "node:module";
import { GenchiError } from "@genchi/spec";
import { otlpObjectToRequest } from "./decode-otlp-json.js";
import type { OtlpTraceRequest } from "./otlp-trace-request.js";

interface ProtoType {
  decode(reader: Uint8Array): unknown;
  toObject(message: unknown, options: Record<string, unknown>): unknown;
}

const require = createRequire(import.meta.url);
const root = require("@opentelemetry/otlp-transformer/build/src/generated/root.js") as {
  opentelemetry: { proto: { collector: { trace: { v1: { ExportTraceServiceRequest: ProtoType } } } } };
};
const requestType = root.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

/** Options that make protobufjs objects look like OTLP/JSON: 64-bit ints as strings, ids as base64. */
const asJson = { longs: String, enums: Number, bytes: String, defaults: false, arrays: true };

/**
 * @example decodeOtlpProtobuf(new Uint8Array()) // → { resourceSpans: [] }
 */
export function decodeOtlpProtobuf(body: Uint8Array): OtlpTraceRequest {
  let message: unknown;
  try {
    message = requestType.decode(body);
  } catch (error) {
    throw new GenchiError(
      "GENCHI_BAD_OTLP",
      `the body is not a valid OTLP ExportTraceServiceRequest in protobuf (${(error as Error).message})`,
    );
  }
  return otlpObjectToRequest(requestType.toObject(message, asJson), "the protobuf body");
}
