/**
 * The decoded OTLP trace request, the same shape whichever wire format it came in
 * (protobuf or JSON): ids as lowercase hex, times as decimal nanosecond strings,
 * attributes as plain values keyed by name.
 */

/**
 * An attribute value: `intValue` becomes a number (exact up to 2^53), `bytesValue`
 * a base64 string, `arrayValue` an array and `kvlistValue` an object.
 */
export type OtlpValue = string | number | boolean | null | OtlpValue[] | { [key: string]: OtlpValue };

/** Attributes by key (a null-prototype object; a repeated key keeps its last value). */
export type OtlpAttributes = Record<string, OtlpValue>;

/** Span status codes of the OTLP proto. */
export const OTLP_STATUS_UNSET = 0;
export const OTLP_STATUS_OK = 1;
export const OTLP_STATUS_ERROR = 2;

export interface OtlpSpanEvent {
  name: string;
  /** Decimal nanoseconds since the epoch; "0" when absent. */
  timeUnixNano: string;
  attributes: OtlpAttributes;
}

export interface OtlpSpan {
  /** 32 lowercase hex digits; "" when absent. */
  traceId: string;
  /** 16 lowercase hex digits; "" when absent. */
  spanId: string;
  /** 16 lowercase hex digits; "" for a root span. */
  parentSpanId: string;
  name: string;
  /** SpanKind of the proto: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  /** Decimal nanoseconds since the epoch; "0" when absent. */
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: OtlpAttributes;
  events: OtlpSpanEvent[];
  /** `code` is 0 unset, 1 ok, 2 error. */
  status: { code: number; message: string };
}

export interface OtlpScopeSpans {
  scope: { name: string; version: string };
  spans: OtlpSpan[];
}

export interface OtlpResourceSpans {
  /** The resource's attributes (`service.name`, …). */
  resource: OtlpAttributes;
  scopeSpans: OtlpScopeSpans[];
}

/** One `ExportTraceServiceRequest`. */
export interface OtlpTraceRequest {
  resourceSpans: OtlpResourceSpans[];
}

/**
 * A fresh attribute map with no prototype, so keys such as `__proto__` stay plain keys.
 *
 * @example const attrs = newOtlpAttributes(); attrs["service.name"] = "api";
 */
export function newOtlpAttributes(): OtlpAttributes {
  return Object.create(null) as OtlpAttributes;
}
