/**
 * Decodes an OTLP/JSON `ExportTraceServiceRequest` (OTLP/HTTP `application/json`) into
 * an {@link OtlpTraceRequest}, per the OTLP/JSON rules: ids are hex strings, enums may
 * be numbers or names, 64-bit integers may be strings; snake_case field names are
 * accepted too, as protobuf JSON parsers do.
 */
import { GenchiError } from "@genchi/spec";
import {
  newOtlpAttributes,
  type OtlpAttributes,
  type OtlpResourceSpans,
  type OtlpScopeSpans,
  type OtlpSpan,
  type OtlpSpanEvent,
  type OtlpTraceRequest,
  type OtlpValue,
} from "./otlp-trace-request.js";

type Json = Record<string, unknown>;

const MAX_VALUE_DEPTH = 32;
const SPAN_KINDS = ["UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"];
const STATUS_CODES = ["UNSET", "OK", "ERROR"];

class ShapeError extends Error {}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value of a field by its lowerCamelCase name or its proto snake_case name. */
function get(obj: Json, camel: string, snake?: string): unknown {
  const v = obj[camel];
  return v === undefined && snake !== undefined ? obj[snake] : v;
}

function objectAt(obj: Json, where: string, camel: string, snake?: string): Json | undefined {
  const v = get(obj, camel, snake);
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw new ShapeError(`${where}.${camel} must be an object`);
  return v;
}

function arrayAt(obj: Json, where: string, camel: string, snake?: string): unknown[] {
  const v = get(obj, camel, snake);
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new ShapeError(`${where}.${camel} must be an array`);
  return v;
}

function objects(list: unknown[], where: string): Json[] {
  return list.map((item, i) => {
    if (!isObject(item)) throw new ShapeError(`${where}[${i}] must be an object`);
    return item;
  });
}

function stringAt(obj: Json, camel: string, snake?: string): string {
  const v = get(obj, camel, snake);
  return typeof v === "string" ? v : "";
}

/** An id as lowercase hex: hex as the OTLP/JSON spec says, or base64 as plain protobuf JSON does. */
function idAt(obj: Json, bytes: number, camel: string, snake: string): string {
  const v = get(obj, camel, snake);
  if (typeof v !== "string" || v === "") return "";
  if (v.length === bytes * 2 && /^[0-9a-fA-F]+$/.test(v)) return v.toLowerCase();
  const decoded = Buffer.from(v, "base64");
  return decoded.length === bytes ? decoded.toString("hex") : "";
}

/** A 64-bit unsigned nanosecond time as a decimal string. */
function nanosAt(obj: Json, where: string, camel: string, snake: string): string {
  const v = get(obj, camel, snake);
  if (v === undefined || v === null || v === "") return "0";
  if (typeof v === "number" && Number.isFinite(v) && v >= 0) return BigInt(Math.trunc(v)).toString();
  if (typeof v === "string" && /^\d+$/.test(v)) return BigInt(v).toString();
  throw new ShapeError(`${where}.${camel} must be nanoseconds as a number or a string of digits`);
}

function enumAt(obj: Json, where: string, camel: string, prefix: string, names: string[]): number {
  const v = obj[camel];
  if (v === undefined || v === null) return 0;
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (typeof v === "string") {
    const i = names.indexOf(v.startsWith(prefix) ? v.slice(prefix.length) : v);
    if (i >= 0) return i;
  }
  throw new ShapeError(`${where}.${camel} must be a ${prefix.slice(0, -1)} number or name`);
}

function toValue(raw: unknown, where: string, depth: number): OtlpValue {
  if (depth > MAX_VALUE_DEPTH)
    throw new ShapeError(`attribute values nest deeper than ${MAX_VALUE_DEPTH} levels`);
  if (raw === undefined || raw === null) return null;
  if (!isObject(raw)) throw new ShapeError(`${where} must be an AnyValue object`);
  const s = get(raw, "stringValue", "string_value");
  if (s !== undefined) return typeof s === "string" ? s : String(s);
  const b = get(raw, "boolValue", "bool_value");
  if (b !== undefined) return b === true || b === "true";
  const i = get(raw, "intValue", "int_value");
  if (i !== undefined) {
    const n = typeof i === "number" ? i : Number(i);
    if (!Number.isFinite(n)) throw new ShapeError(`${where}.intValue must be an integer`);
    return n;
  }
  const d = get(raw, "doubleValue", "double_value");
  if (d !== undefined) return typeof d === "number" ? d : Number(d);
  const arr = get(raw, "arrayValue", "array_value");
  if (arr !== undefined) {
    if (!isObject(arr)) throw new ShapeError(`${where}.arrayValue must be an object`);
    return arrayAt(arr, where, "values").map((v, k) =>
      toValue(v, `${where}.arrayValue.values[${k}]`, depth + 1),
    );
  }
  const kv = get(raw, "kvlistValue", "kvlist_value");
  if (kv !== undefined) {
    if (!isObject(kv)) throw new ShapeError(`${where}.kvlistValue must be an object`);
    return toAttributes(arrayAt(kv, where, "values"), `${where}.kvlistValue.values`, depth + 1);
  }
  const bytes = get(raw, "bytesValue", "bytes_value");
  if (typeof bytes === "string") return bytes;
  return null;
}

function toAttributes(list: unknown[], where: string, depth = 0): OtlpAttributes {
  const out = newOtlpAttributes();
  objects(list, where).forEach((kv, i) => {
    const key = typeof kv.key === "string" ? kv.key : "";
    out[key] = toValue(kv.value, `${where}[${i}].value`, depth + 1);
  });
  return out;
}

function toEvent(raw: Json, where: string): OtlpSpanEvent {
  return {
    name: stringAt(raw, "name"),
    timeUnixNano: nanosAt(raw, where, "timeUnixNano", "time_unix_nano"),
    attributes: toAttributes(arrayAt(raw, where, "attributes"), `${where}.attributes`),
  };
}

function toSpan(raw: Json, where: string): OtlpSpan {
  const status = objectAt(raw, where, "status") ?? {};
  const message = status.message;
  return {
    traceId: idAt(raw, 16, "traceId", "trace_id"),
    spanId: idAt(raw, 8, "spanId", "span_id"),
    parentSpanId: idAt(raw, 8, "parentSpanId", "parent_span_id"),
    name: stringAt(raw, "name"),
    kind: enumAt(raw, where, "kind", "SPAN_KIND_", SPAN_KINDS),
    startTimeUnixNano: nanosAt(raw, where, "startTimeUnixNano", "start_time_unix_nano"),
    endTimeUnixNano: nanosAt(raw, where, "endTimeUnixNano", "end_time_unix_nano"),
    attributes: toAttributes(arrayAt(raw, where, "attributes"), `${where}.attributes`),
    events: objects(arrayAt(raw, where, "events"), `${where}.events`).map((e, i) =>
      toEvent(e, `${where}.events[${i}]`),
    ),
    status: {
      code: enumAt(status, `${where}.status`, "code", "STATUS_CODE_", STATUS_CODES),
      message: typeof message === "string" ? message : "",
    },
  };
}

function toScopeSpans(raw: Json, where: string): OtlpScopeSpans {
  const scope = objectAt(raw, where, "scope") ?? {};
  return {
    scope: { name: stringAt(scope, "name"), version: stringAt(scope, "version") },
    spans: objects(arrayAt(raw, where, "spans"), `${where}.spans`).map((s, i) =>
      toSpan(s, `${where}.spans[${i}]`),
    ),
  };
}

function toResourceSpans(raw: Json, where: string): OtlpResourceSpans {
  const resource = objectAt(raw, where, "resource") ?? {};
  return {
    resource: toAttributes(
      arrayAt(resource, `${where}.resource`, "attributes"),
      `${where}.resource.attributes`,
    ),
    scopeSpans: objects(arrayAt(raw, where, "scopeSpans", "scope_spans"), `${where}.scopeSpans`).map((s, i) =>
      toScopeSpans(s, `${where}.scopeSpans[${i}]`),
    ),
  };
}

/**
 * Reads an already parsed OTLP/JSON-shaped object (from JSON text, or from the protobuf
 * decoder's `toObject`) into an {@link OtlpTraceRequest}. Throws `GENCHI_BAD_OTLP` when it
 * is not an `ExportTraceServiceRequest`.
 *
 * @example
 * otlpObjectToRequest({ resourceSpans: [] }) // → { resourceSpans: [] }
 */
export function otlpObjectToRequest(parsed: unknown, what = "the JSON body"): OtlpTraceRequest {
  try {
    if (!isObject(parsed)) throw new ShapeError("the body must be a JSON object");
    return {
      resourceSpans: objects(arrayAt(parsed, "body", "resourceSpans", "resource_spans"), "resourceSpans").map(
        (r, i) => toResourceSpans(r, `resourceSpans[${i}]`),
      ),
    };
  } catch (error) {
    if (!(error instanceof ShapeError || error instanceof RangeError)) throw error;
    throw new GenchiError(
      "GENCHI_BAD_OTLP",
      `${what} is not an OTLP ExportTraceServiceRequest: ${error.message}`,
    );
  }
}

/**
 * Decodes an OTLP/JSON trace export body. Throws `GENCHI_BAD_OTLP` for text that is not
 * JSON or JSON that is not an `ExportTraceServiceRequest`.
 *
 * @example
 * decodeOtlpJson(Buffer.from('{"resourceSpans":[]}')) // → { resourceSpans: [] }
 */
export function decodeOtlpJson(body: Uint8Array): OtlpTraceRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8"));
  } catch (error) {
    throw new GenchiError(
      "GENCHI_BAD_OTLP",
      `the body is not valid JSON (${(error as Error).message}); send an OTLP/JSON ExportTraceServiceRequest`,
    );
  }
  return otlpObjectToRequest(parsed);
}
