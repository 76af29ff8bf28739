/** The error `generateObject` throws when no attempt gave a valid object: it holds every attempt. */
import type { ObjectAttempt } from "./object-attempt.js";

/** Stable codes: no valid object after all retries, or the model call itself failed. */
export type GenerateObjectErrorCode = "GENCHI_NO_OBJECT" | "GENCHI_UPSTREAM";

export class GenerateObjectError extends Error {
  override readonly name = "GenerateObjectError";
  constructor(
    readonly code: GenerateObjectErrorCode,
    message: string,
    /** Every attempt, in order, with its raw output and errors. */
    readonly attempts: readonly ObjectAttempt[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
