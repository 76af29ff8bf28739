/**
 * Which failures of a model call are worth another try, as data: HTTP statuses that say
 * "later" (429, 500, 502, 503, 504) and connection errors (a reset, a refused connection, a
 * timeout), from either transport (`fetch` or an openai-style client); and how long to wait.
 * Anything else (400, 401, 404, 422…) fails at once.
 */
import { backoffMs, retryAfterMs } from "../retry-delay.js";
import { ChatTransportError } from "./chat-transport.js";

/** The HTTP statuses retried with back-off. */
export const transientStatuses: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** Error classes of the openai and Anthropic clients that mean the request never got an answer. */
const connectionErrorNames: ReadonlySet<string> = new Set([
  "APIConnectionError",
  "APIConnectionTimeoutError",
]);

export interface TransientFailure {
  /** The HTTP status, or null for a connection error. */
  status: number | null;
  /** What the response asked for (`retry-after-ms` / `retry-after`), if anything. */
  retryAfterMs: number | undefined;
}

function headersOf(value: unknown): Headers | undefined {
  if (value instanceof Headers) return value;
  if (typeof value !== "object" || value === null) return undefined;
  try {
    return new Headers(value as Record<string, string>);
  } catch {
    return undefined;
  }
}

/**
 * The failure as a transient one, or null when retrying cannot help.
 *
 * @example transientFailure(new OpenAI.InternalServerError(503, …)) // → { status: 503, retryAfterMs: undefined }
 */
export function transientFailure(error: unknown): TransientFailure | null {
  if (typeof error !== "object" || error === null) return null;
  const status = (error as { status?: unknown }).status;
  if (typeof status === "number") {
    if (!transientStatuses.has(status)) return null;
    const headers = headersOf((error as { headers?: unknown }).headers);
    return { status, retryAfterMs: headers ? retryAfterMs(headers) : undefined };
  }
  const connection =
    (error instanceof ChatTransportError && error.status === null) ||
    connectionErrorNames.has((error as { constructor?: { name?: unknown } }).constructor?.name as string);
  return connection ? { status: null, retryAfterMs: undefined } : null;
}

export interface RetryTiming {
  baseMs: number;
  maxMs: number;
}

/**
 * The wait before retry number `retry` (1-based): what the response asked for, else
 * exponential back-off with jitter; at most `maxMs` either way.
 *
 * @example transientDelayMs({ status: 503, retryAfterMs: undefined }, 2, { baseMs: 500, maxMs: 20_000 }) // → 500…1000
 */
export function transientDelayMs(failure: TransientFailure, retry: number, timing: RetryTiming): number {
  return Math.min(timing.maxMs, failure.retryAfterMs ?? backoffMs(retry - 1, timing.baseMs, timing.maxMs));
}
