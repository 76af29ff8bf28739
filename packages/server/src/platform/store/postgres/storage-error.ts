/**
 * Turns "PostgreSQL is not reachable right now" failures into `GENCHI_STORAGE` (HTTP 503),
 * so clients retry them; anything else (a bug, a constraint) is passed through unchanged.
 */
import { GenchiError } from "@genchi/spec";

/** Node socket errors and SQLSTATEs that mean "try again later". */
const transientCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "53300", // too_many_connections
  "57014", // query_canceled (statement_timeout)
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
]);

/**
 * @example throw asStorageError(error)
 */
export function asStorageError(error: unknown): unknown {
  if (error instanceof GenchiError || !(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  const transient =
    (typeof code === "string" && (transientCodes.has(code) || code.startsWith("08"))) ||
    /timeout exceeded when trying to connect|Connection terminated/i.test(error.message);
  if (!transient) return error;
  const wrapped = new GenchiError(
    "GENCHI_STORAGE",
    `PostgreSQL is unavailable or overloaded (${error.message}); retry later`,
  );
  wrapped.cause = error;
  return wrapped;
}
