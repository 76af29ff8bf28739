/**
 * Undoes the `Content-Encoding` of an OTLP body (gzip, as OTLP exporters send it, or
 * deflate), with a cap on the decompressed size so a zip bomb fails fast and clearly.
 */
import { gunzipSync, inflateSync } from "node:zlib";
import { GenchiError } from "@genchi/spec";

/** The default cap on a decompressed body: 32 MiB. */
export const MAX_DECOMPRESSED_BYTES = 32 * 1024 * 1024;

/**
 * Returns `body` decoded per `contentEncoding` (`gzip`, `x-gzip`, `deflate`, `identity`
 * or none). Throws `GENCHI_PAYLOAD_TOO_LARGE` past `maxBytes` decompressed,
 * `GENCHI_BAD_OTLP` for a corrupt stream and `GENCHI_UNSUPPORTED_MEDIA_TYPE` for an
 * encoding it does not know.
 *
 * @example
 * maybeGunzip(gzipSync(Buffer.from("{}")), "gzip").toString() // → "{}"
 * maybeGunzip(Buffer.from("{}"), undefined).toString() // → "{}"
 */
export function maybeGunzip(
  body: Buffer,
  contentEncoding: string | readonly string[] | undefined,
  maxBytes: number = MAX_DECOMPRESSED_BYTES,
): Buffer {
  const raw = Array.isArray(contentEncoding) ? contentEncoding.join(",") : (contentEncoding ?? "");
  const codings = String(raw)
    .split(",")
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== "" && c !== "identity");
  if (codings.length === 0) return body;
  if (codings.length > 1) {
    throw new GenchiError(
      "GENCHI_UNSUPPORTED_MEDIA_TYPE",
      `Content-Encoding '${raw}' stacks several codings; send one of gzip, deflate or identity`,
    );
  }
  const coding = codings[0]!;
  const inflate =
    coding === "gzip" || coding === "x-gzip" ? gunzipSync : coding === "deflate" ? inflateSync : null;
  if (inflate === null) {
    throw new GenchiError(
      "GENCHI_UNSUPPORTED_MEDIA_TYPE",
      `Content-Encoding '${coding}' is not supported; send gzip, deflate or identity`,
    );
  }
  try {
    return inflate(body, { maxOutputLength: maxBytes });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ERR_BUFFER_TOO_LARGE" || error instanceof RangeError) {
      throw new GenchiError(
        "GENCHI_PAYLOAD_TOO_LARGE",
        `the ${coding} body inflates past ${maxBytes} bytes; send smaller batches`,
      );
    }
    throw new GenchiError(
      "GENCHI_BAD_OTLP",
      `the body is not valid ${coding} data (${(error as Error).message}); check the Content-Encoding header`,
    );
  }
}
