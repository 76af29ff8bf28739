import { deflateSync, gzipSync } from "node:zlib";
import { GenchiError } from "@genchi/spec";
import { describe, expect, it } from "vitest";
import { encodeSpans, recordSdkSpans } from "./__fixtures__/record-sdk-spans.js";
import { decodeOtlpTraces } from "./decode-otlp-traces.js";
import { MAX_DECOMPRESSED_BYTES, maybeGunzip } from "./maybe-gunzip.js";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GenchiError);
    return (error as GenchiError).code;
  }
  return undefined;
}

describe("maybeGunzip", () => {
  const text = Buffer.from('{"resourceSpans":[]}');

  it("passes identity and unencoded bodies through untouched", () => {
    expect(maybeGunzip(text, undefined)).toBe(text);
    expect(maybeGunzip(text, "")).toBe(text);
    expect(maybeGunzip(text, "identity")).toBe(text);
  });

  it("inflates gzip, x-gzip and deflate, whatever the header's case", () => {
    expect(maybeGunzip(gzipSync(text), "gzip").equals(text)).toBe(true);
    expect(maybeGunzip(gzipSync(text), "GZIP").equals(text)).toBe(true);
    expect(maybeGunzip(gzipSync(text), "x-gzip").equals(text)).toBe(true);
    expect(maybeGunzip(deflateSync(text), "deflate").equals(text)).toBe(true);
    expect(maybeGunzip(gzipSync(text), ["gzip"]).equals(text)).toBe(true);
  });

  it("gunzips a real protobuf export that then decodes", async () => {
    const { protobuf } = encodeSpans(await recordSdkSpans());
    const req = decodeOtlpTraces(maybeGunzip(gzipSync(protobuf), "gzip"), "application/x-protobuf");
    expect(req.resourceSpans[0]!.scopeSpans[0]!.spans).toHaveLength(3);
  });

  it("stops a zip bomb at the cap with GENCHI_PAYLOAD_TOO_LARGE", () => {
    const bomb = gzipSync(Buffer.alloc(2 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(10_000);
    expect(codeOf(() => maybeGunzip(bomb, "gzip", 1024 * 1024))).toBe("GENCHI_PAYLOAD_TOO_LARGE");
    const big = gzipSync(Buffer.alloc(MAX_DECOMPRESSED_BYTES + 1));
    expect(codeOf(() => maybeGunzip(big, "gzip"))).toBe("GENCHI_PAYLOAD_TOO_LARGE");
    expect(maybeGunzip(gzipSync(Buffer.alloc(1024 * 1024)), "gzip", 1024 * 1024).length).toBe(1024 * 1024);
  });

  it("reports corrupt or truncated gzip as GENCHI_BAD_OTLP", () => {
    expect(codeOf(() => maybeGunzip(text, "gzip"))).toBe("GENCHI_BAD_OTLP");
    const gz = gzipSync(Buffer.alloc(10_000, 7));
    expect(codeOf(() => maybeGunzip(gz.subarray(0, gz.length - 8), "gzip"))).toBe("GENCHI_BAD_OTLP");
  });

  it("refuses unknown or stacked encodings with GENCHI_UNSUPPORTED_MEDIA_TYPE", () => {
    expect(codeOf(() => maybeGunzip(text, "br"))).toBe("GENCHI_UNSUPPORTED_MEDIA_TYPE");
    expect(codeOf(() => maybeGunzip(text, "gzip, deflate"))).toBe("GENCHI_UNSUPPORTED_MEDIA_TYPE");
  });
});
