/**
 * GenchiError and its codes, without zod: importable alone as `@genchi/spec/errors` by code
 * that must start fast (the `genchi eval` CLI), since loading every spec schema takes ~0.2 s.
 */

export const errorCodes = [
  "GENCHI_BAD_REQUEST",
  "GENCHI_BAD_JSON",
  "GENCHI_VALIDATION",
  "GENCHI_UNAUTHORIZED",
  "GENCHI_FORBIDDEN",
  "GENCHI_NOT_FOUND",
  "GENCHI_CONFLICT",
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
