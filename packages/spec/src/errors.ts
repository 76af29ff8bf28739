/**
 * Typed errors shared by every layer. Each error has a stable `code`; the HTTP
 * edge maps codes to statuses once (see `httpStatusOf`).
 */
import { z } from "zod";

import { type ErrorCode, errorCodes } from "./genchi-error.js";

export { type ErrorCode, errorCodes, GenchiError } from "./genchi-error.js";

const statusByCode: Record<ErrorCode, number> = {
  GENCHI_BAD_REQUEST: 400,
  GENCHI_BAD_JSON: 400,
  GENCHI_VALIDATION: 400,
  GENCHI_UNAUTHORIZED: 401,
  GENCHI_FORBIDDEN: 403,
  GENCHI_NOT_FOUND: 404,
  GENCHI_CONFLICT: 409,
  GENCHI_PAYLOAD_TOO_LARGE: 413,
  GENCHI_UNSUPPORTED_MEDIA_TYPE: 415,
  GENCHI_BAD_OTLP: 400,
  GENCHI_BAD_CONFIG: 400,
  GENCHI_RATE_LIMITED: 429,
  GENCHI_STORAGE: 503,
  GENCHI_UPSTREAM: 502,
  GENCHI_MODEL_NOT_PINNED: 400,
  GENCHI_INTERNAL: 500,
};

/** The HTTP status an error code maps to at the edge. */
export function httpStatusOf(code: ErrorCode): number {
  return statusByCode[code];
}

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    field: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
