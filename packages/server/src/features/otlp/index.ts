/** OTLP/HTTP trace ingest: decode an export (protobuf or JSON, gzip) and map its LLM spans to Calls. */
export { decodeOtlpJson } from "./decode-otlp-json.js";
export { decodeOtlpProtobuf } from "./decode-otlp-protobuf.js";
export { decodeOtlpTraces } from "./decode-otlp-traces.js";
export { MAX_DECOMPRESSED_BYTES, maybeGunzip } from "./maybe-gunzip.js";
export {
  type OtlpCallsResult,
  type OtlpSpanContext,
  otlpRequestToCalls,
  otlpSpanToCall,
} from "./otlp-span-to-call.js";
export type {
  OtlpAttributes,
  OtlpResourceSpans,
  OtlpScopeSpans,
  OtlpSpan,
  OtlpSpanEvent,
  OtlpTraceRequest,
  OtlpValue,
} from "./otlp-trace-request.js";
