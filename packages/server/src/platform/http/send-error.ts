/** The one place errors become HTTP responses: `{"error":{"code","message"}}` with the mapped status. */
import { type ErrorBody, type ErrorCode, GenchiError, httpStatusOf } from "@genchi/spec";
import type { FastifyError, FastifyReply } from "fastify";

/** Fastify's own error codes, mapped to ours. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: "GENCHI_PAYLOAD_TOO_LARGE",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "GENCHI_UNSUPPORTED_MEDIA_TYPE",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "GENCHI_BAD_REQUEST",
  FST_ERR_CTP_EMPTY_JSON_BODY: "GENCHI_BAD_JSON",
  FST_ERR_CTP_INVALID_JSON_BODY: "GENCHI_BAD_JSON",
  FST_ERR_VALIDATION: "GENCHI_VALIDATION",
};

/** Converts anything thrown into a GenchiError with a message a person can act on. */
export function toGenchiError(error: unknown): GenchiError {
  if (error instanceof GenchiError) return error;
  const e = error as Partial<FastifyError> & Error;
  const mapped = e.code ? fastifyCodes[e.code] : undefined;
  if (mapped === "GENCHI_PAYLOAD_TOO_LARGE") {
    return new GenchiError(mapped, "request body is larger than the server accepts; send smaller batches");
  }
  if (mapped) return new GenchiError(mapped, e.message);
  if (e instanceof SyntaxError || (e.statusCode === 400 && /JSON/i.test(e.message))) {
    return new GenchiError("GENCHI_BAD_JSON", `malformed JSON body: ${e.message}`);
  }
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return new GenchiError("GENCHI_BAD_REQUEST", e.message);
  }
  return new GenchiError("GENCHI_INTERNAL", "internal error; the server log has details");
}

/** The status and JSON body of anything thrown (the field named, when the error names one). */
export function errorResponseOf(error: unknown): { status: number; body: ErrorBody } {
  const g = toGenchiError(error);
  const body: ErrorBody = { error: { code: g.code, message: g.message } };
  const field = g.details?.field;
  if (typeof field === "string") body.error.field = field;
  return { status: httpStatusOf(g.code), body };
}

export function sendError(reply: FastifyReply, error: unknown): FastifyReply {
  const { status, body } = errorResponseOf(error);
  return reply.code(status).type("application/json").send(body);
}
