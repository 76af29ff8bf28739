/**
 * `POST /v1/traces`: OTLP/HTTP traces (protobuf or JSON, gzip allowed). LLM spans become
 * calls with source "otlp" through the same ingest path as the REST API; other spans are ignored.
 */
import type { FastifyPluginAsync } from "fastify";
import { Authenticator } from "../../platform/http/authenticator.js";
import type { Services } from "../../platform/services.js";
import { assertJsonDepth } from "../../platform/util/json-depth.js";
import { decodeOtlpTraces, maybeGunzip } from "./decode-otlp-traces.js";
import { otlpRequestToCalls } from "./otlp-span-to-call.js";

export const otlpRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));

  app.post("/v1/traces", async (request, reply) => {
    const principal = await services.auth.authenticate(Authenticator.keyOf(request));
    // An empty protobuf body is a valid (empty) export request.
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const contentType = String(request.headers["content-type"] ?? "application/x-protobuf");
    const encoding = request.headers["content-encoding"];
    const raw = maybeGunzip(body, typeof encoding === "string" ? encoding : undefined);
    const decoded = decodeOtlpTraces(raw, contentType);
    const { calls } = otlpRequestToCalls(decoded);
    // Attributes may hold JSON text (gen_ai.input.messages), parsed into the calls: bound it here.
    assertJsonDepth(calls, "a span's attributes");
    const result = await services.ingest.ingest(principal.projectId, { calls }, { defaultSource: "otlp" });
    const isJson = contentType.includes("json");
    if (result.rejected > 0) {
      const firstError = result.results.find((r) => r.status === "rejected")?.error?.message ?? "rejected";
      const partial = {
        partialSuccess: { rejectedSpans: String(result.rejected), errorMessage: firstError },
      };
      if (isJson) return reply.code(200).type("application/json").send(partial);
    }
    if (isJson) return reply.code(200).type("application/json").send({});
    return reply.code(200).type("application/x-protobuf").send(Buffer.alloc(0));
  });
};
