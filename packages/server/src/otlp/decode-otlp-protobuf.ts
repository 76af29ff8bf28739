/**
 * Decodes a binary `ExportTraceServiceRequest` (OTLP/HTTP `application/x-protobuf`) into
 * an {@link OtlpTraceRequest}. Wire primitives come from the OpenTelemetry JS
 * `ProtobufReader` (@opentelemetry/otlp-transformer); this file holds only the field map
 * of the trace protos, and is strict: a wrong wire type, a group, a field running past
 * its message or a varint cut short all fail with `GENCHI_BAD_OTLP`.
 */

import { GenchiError } from "@genchi/spec";
import { ProtobufReader } from "@opentelemetry/otlp-transformer/build/src/common/protobuf/protobuf-reader.js";
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

const VARINT = 0;
const I64 = 1;
const LEN = 2;
const I32 = 5;
const WIRE_NAMES = ["varint", "64-bit", "length-delimited", "start-group", "end-group", "32-bit"];
/** Deepest nesting of array/kvlist attribute values accepted. */
const MAX_VALUE_DEPTH = 32;

/** One field of a message being read; read its value with exactly one of the methods. */
class Field {
  constructor(
    readonly number: number,
    readonly wire: number,
    private readonly message: string,
    private readonly reader: ProtobufReader,
    private readonly buf: Uint8Array,
  ) {}

  private expect(wire: number): void {
    if (this.wire !== wire) {
      throw new Error(
        `${this.message} field ${this.number} has wire type ${WIRE_NAMES[this.wire] ?? this.wire}, expected ${WIRE_NAMES[wire]}`,
      );
    }
  }

  bytes(): Uint8Array {
    this.expect(LEN);
    return this.reader.readBytes();
  }

  string(): string {
    this.expect(LEN);
    return this.reader.readString();
  }

  uint(): number {
    this.expect(VARINT);
    return this.reader.readVarint();
  }

  /** An int64 varint as a number: read as a BigInt so negatives (ten-byte two's complement) stay exact. */
  int64(): number {
    this.expect(VARINT);
    let value = 0n;
    let at = this.reader.pos;
    for (let shift = 0n; ; shift += 7n) {
      if (shift > 63n) throw new Error(`${this.message} field ${this.number} holds a varint longer than 10 bytes`);
      const byte = this.buf[at++];
      if (byte === undefined) throw new Error(`${this.message} field ${this.number} is cut short in a varint`);
      value |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) break;
    }
    this.reader.pos = at;
    return Number(BigInt.asIntN(64, value));
  }

  /** A fixed64 as a decimal string. */
  fixed64(): string {
    this.expect(I64);
    return this.view(8).getBigUint64(0, true).toString();
  }

  double(): number {
    this.expect(I64);
    return this.view(8).getFloat64(0, true);
  }

  skip(): void {
    if (this.wire === I64) this.view(8);
    else if (this.wire === I32) this.view(4);
    else if (this.wire === VARINT || this.wire === LEN) this.reader.skip(this.wire);
    else throw new Error(`${this.message} field ${this.number} has unsupported wire type ${this.wire}`);
  }

  private view(size: number): DataView {
    const at = this.reader.pos;
    if (at + size > this.buf.length) {
      throw new Error(`${this.message} field ${this.number} is cut short: ${size} bytes expected at ${at}`);
    }
    this.reader.pos = at + size;
    return new DataView(this.buf.buffer, this.buf.byteOffset + at, size);
  }
}

/** Calls `onField` for each field of the message in `buf`; it must read or skip each one. */
function readMessage(buf: Uint8Array, message: string, onField: (field: Field) => void): void {
  const reader = new ProtobufReader(buf);
  while (!reader.isAtEnd()) {
    const { fieldNumber, wireType } = reader.readTag();
    if (fieldNumber === 0) throw new Error(`${message} has a field numbered 0`);
    onField(new Field(fieldNumber, wireType, message, reader, buf));
  }
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

function readKeyValue(buf: Uint8Array, into: OtlpAttributes, depth: number): void {
  let key = "";
  let value: OtlpValue = null;
  readMessage(buf, "KeyValue", (f) => {
    if (f.number === 1) key = f.string();
    else if (f.number === 2) value = readAnyValue(f.bytes(), depth + 1);
    else f.skip();
  });
  into[key] = value;
}

function readAnyValue(buf: Uint8Array, depth: number): OtlpValue {
  if (depth > MAX_VALUE_DEPTH) throw new Error(`attribute values nest deeper than ${MAX_VALUE_DEPTH} levels`);
  let value: OtlpValue = null;
  readMessage(buf, "AnyValue", (f) => {
    switch (f.number) {
      case 1:
        value = f.string();
        break;
      case 2:
        value = f.uint() !== 0;
        break;
      case 3:
        value = f.int64();
        break;
      case 4:
        value = f.double();
        break;
      case 5: {
        const values: OtlpValue[] = [];
        readMessage(f.bytes(), "ArrayValue", (g) => {
          if (g.number === 1) values.push(readAnyValue(g.bytes(), depth + 1));
          else g.skip();
        });
        value = values;
        break;
      }
      case 6: {
        const kv = newOtlpAttributes();
        readMessage(f.bytes(), "KeyValueList", (g) => {
          if (g.number === 1) readKeyValue(g.bytes(), kv, depth + 1);
          else g.skip();
        });
        value = kv;
        break;
      }
      case 7:
        value = Buffer.from(f.bytes()).toString("base64");
        break;
      default:
        f.skip();
    }
  });
  return value;
}

function readEvent(buf: Uint8Array): OtlpSpanEvent {
  const event: OtlpSpanEvent = { name: "", timeUnixNano: "0", attributes: newOtlpAttributes() };
  readMessage(buf, "Span.Event", (f) => {
    if (f.number === 1) event.timeUnixNano = f.fixed64();
    else if (f.number === 2) event.name = f.string();
    else if (f.number === 3) readKeyValue(f.bytes(), event.attributes, 0);
    else f.skip();
  });
  return event;
}

function readSpan(buf: Uint8Array): OtlpSpan {
  const span: OtlpSpan = {
    traceId: "",
    spanId: "",
    parentSpanId: "",
    name: "",
    kind: 0,
    startTimeUnixNano: "0",
    endTimeUnixNano: "0",
    attributes: newOtlpAttributes(),
    events: [],
    status: { code: 0, message: "" },
  };
  readMessage(buf, "Span", (f) => {
    switch (f.number) {
      case 1:
        span.traceId = hex(f.bytes());
        break;
      case 2:
        span.spanId = hex(f.bytes());
        break;
      case 4:
        span.parentSpanId = hex(f.bytes());
        break;
      case 5:
        span.name = f.string();
        break;
      case 6:
        span.kind = f.uint();
        break;
      case 7:
        span.startTimeUnixNano = f.fixed64();
        break;
      case 8:
        span.endTimeUnixNano = f.fixed64();
        break;
      case 9:
        readKeyValue(f.bytes(), span.attributes, 0);
        break;
      case 11:
        span.events.push(readEvent(f.bytes()));
        break;
      case 15:
        readMessage(f.bytes(), "Status", (g) => {
          if (g.number === 2) span.status.message = g.string();
          else if (g.number === 3) span.status.code = g.uint();
          else g.skip();
        });
        break;
      default:
        f.skip();
    }
  });
  return span;
}

function readScopeSpans(buf: Uint8Array): OtlpScopeSpans {
  const scopeSpans: OtlpScopeSpans = { scope: { name: "", version: "" }, spans: [] };
  readMessage(buf, "ScopeSpans", (f) => {
    if (f.number === 1) {
      readMessage(f.bytes(), "InstrumentationScope", (g) => {
        if (g.number === 1) scopeSpans.scope.name = g.string();
        else if (g.number === 2) scopeSpans.scope.version = g.string();
        else g.skip();
      });
    } else if (f.number === 2) scopeSpans.spans.push(readSpan(f.bytes()));
    else f.skip();
  });
  return scopeSpans;
}

function readResourceSpans(buf: Uint8Array): OtlpResourceSpans {
  const resourceSpans: OtlpResourceSpans = { resource: newOtlpAttributes(), scopeSpans: [] };
  readMessage(buf, "ResourceSpans", (f) => {
    if (f.number === 1) {
      readMessage(f.bytes(), "Resource", (g) => {
        if (g.number === 1) readKeyValue(g.bytes(), resourceSpans.resource, 0);
        else g.skip();
      });
    } else if (f.number === 2) resourceSpans.scopeSpans.push(readScopeSpans(f.bytes()));
    else f.skip();
  });
  return resourceSpans;
}

/**
 * Decodes a protobuf `ExportTraceServiceRequest`. Throws `GENCHI_BAD_OTLP` on bytes
 * that are not one (garbage, truncated, wrong wire types).
 *
 * @example
 * const req = decodeOtlpProtobuf(body); // body: Uint8Array from an OTLP/HTTP exporter
 * req.resourceSpans[0]?.scopeSpans[0]?.spans[0]?.traceId // → "5b8efff798038103d269b633813fc60c"
 */
export function decodeOtlpProtobuf(body: Uint8Array): OtlpTraceRequest {
  const request: OtlpTraceRequest = { resourceSpans: [] };
  try {
    readMessage(body, "ExportTraceServiceRequest", (f) => {
      if (f.number === 1) request.resourceSpans.push(readResourceSpans(f.bytes()));
      else f.skip();
    });
  } catch (error) {
    throw new GenchiError(
      "GENCHI_BAD_OTLP",
      `the body is not a valid OTLP ExportTraceServiceRequest in protobuf (${(error as Error).message}); ` +
        "send what an OpenTelemetry OTLP/HTTP exporter sends",
    );
  }
  return request;
}
