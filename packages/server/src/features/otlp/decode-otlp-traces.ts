/**
 * The entry point for an OTLP/HTTP trace body: picks the decoder by `Content-Type`
 * (`application/x-protobuf` or `application/json`). Decompress first with `maybeGunzip`.
 */
import { GenchiError } from "@genchi/spec";
import { decodeOtlpJson } from "./decode-otlp-json.js";
import { decodeOtlpProtobuf } from "./decode-otlp-protobuf.js";
import type { OtlpTraceRequest } from "./otlp-trace-request.js";

const PROTOBUF_TYPES = new Set([
  "application/x-protobuf",
  "application/protobuf",
  "application/vnd.google.protobuf",
]);

/**
 * Decodes an (already decompressed) OTLP/HTTP trace export body. Throws
 * `GENCHI_BAD_OTLP` for a body that does not decode and
 * `GENCHI_UNSUPPORTED_MEDIA_TYPE` for any other content type.
 *
 * @example
 * const req = decodeOtlpTraces(maybeGunzip(body, headers["content-encoding"]), headers["content-type"] ?? "");
 * const { calls } = otlpRequestToCalls(req);
 */
export function decodeOtlpTraces(body: Buffer | Uint8Array, contentType: string): OtlpTraceRequest {
  const mediaType = (contentType.split(";")[0] ?? "").trim().toLowerCase();
  if (PROTOBUF_TYPES.has(mediaType)) return decodeOtlpProtobuf(body);
  if (mediaType === "application/json") return decodeOtlpJson(body);
  throw new GenchiError(
    "GENCHI_UNSUPPORTED_MEDIA_TYPE",
    `OTLP traces must be sent as application/x-protobuf or application/json, not '${contentType || "(none)"}'`,
  );
}

/** Re-exported so the HTTP route finds the whole decode step in one module. */
export { maybeGunzip } from "./maybe-gunzip.js";
