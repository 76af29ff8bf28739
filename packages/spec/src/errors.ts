/**
 * Typed errors shared by every layer. Each error has a stable `code`; the HTTP
 * edge maps codes to statuses once (see `httpStatusOf`).
 */
import { z } from "zod";

export const errorCodes = [
  "GENCHI_BAD_REQUEST",
  "GENCHI_BAD_JSON",
  "GENCHI_VALIDATION",
  "GENCHI_UNAUTHORIZED",
  "GENCHI_FORBIDDEN",
  "GENCHI_NOT_FOUND",
  "GENCHI_PAYLOAD_TOO_LARGE",
  "GENCHI_UNSUPPORTED_MEDIA_TYPE",
  "GENCHI_BAD_OTLP",
  "GENCHI_BAD_CONFIG",
  "GENCHI_RATE_LIMITED",
  "GENCHI_STORAGE",
  "GENCHI_UPSTREAM",
  "GENCHI_MODEL_NOT_PINNED",
  "GENCHI_INTERNAL",
] as const;

export type ErrorCode = (typeof errorCodes)[number];

const statusByCode: Record<ErrorCode, number> = {
  GENCHI_BAD_REQUEST: 400,
  GENCHI_BAD_JSON: 400,
  GENCHI_VALIDATION: 400,
  GENCHI_UNAUTHORIZED: 401,
  GENCHI_FORBIDDEN: 403,
  GENCHI_NOT_FOUND: 404,
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

/**
 * An error with a stable code and a message that says what to do.
 *
 * @example throw new GenchiError("GENCHI_NOT_FOUND", "call 'abc' not found in this project")
 */
export class GenchiError extends Error {
  readonly code: ErrorCode;
  /** Optional machine-readable details, e.g. the field that failed. */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "GenchiError";
    this.code = code;
    this.details = details;
  }
}

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    field: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
