/**
 * Tells a write that failed because of what it was given from one that failed because storage
 * was unavailable. A data error is deterministic: the same rows fail again however often they
 * are retried, so a writer splits the batch to find the rows at fault instead of retrying it
 * (the gateway's log queue). Anything not known to be about the data counts as unavailable.
 */
import { GenchiError } from "@genchi/spec";

/** PostgreSQL SQLSTATE classes about the values: data exception, integrity constraint, program limit. */
const dataClasses = new Set(["22", "23", "54"]);

/** SQLite result codes about the values (extended codes such as SQLITE_CONSTRAINT_NOTNULL included). */
const sqliteData = /^SQLITE_(CONSTRAINT(_\w+)?|MISMATCH|TOOBIG|RANGE)$/;

/** How many causes deep to look (an error wrapped by the store, wrapped again by a caller). */
const maxDepth = 4;

function isDataCode(code: string): boolean {
  if (/^[0-9A-Z]{5}$/.test(code) && dataClasses.has(code.slice(0, 2))) return true;
  return sqliteData.test(code);
}

/**
 * True when `error` says the data was at fault: a PostgreSQL error of class 22, 23 or 54, a
 * SQLite constraint, mismatch, too-big or range error (also as the SQLite store wraps them,
 * a `GENCHI_STORAGE` error whose `details.cause` is the driver's code), a `GENCHI_VALIDATION`
 * error, or a TypeError or RangeError (thrown while preparing rows). False for anything else.
 *
 * @example if (isDataError(error)) splitTheBatch(); else retryLater();
 */
export function isDataError(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== "object" || depth > maxDepth) return false;
  if (error instanceof GenchiError) {
    if (error.code === "GENCHI_VALIDATION") return true;
    const cause = error.details?.["cause"];
    if (typeof cause === "string") return isDataCode(cause);
    if (cause !== undefined) return isDataError(cause, depth + 1);
    return isDataError(error.cause, depth + 1);
  }
  if (error instanceof TypeError || error instanceof RangeError) return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && isDataCode(code)) return true;
  return isDataError((error as { cause?: unknown }).cause, depth + 1);
}
