/** How long to wait before retrying: exponential backoff with jitter, or what the server asks. */

/**
 * The wait a response asks for: `retry-after-ms`, `retry-after` in seconds, or an HTTP date.
 *
 * @example retryAfterMs(new Headers({ "retry-after": "2" })) // → 2000
 */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = Number.parseFloat(headers.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get("retry-after");
  if (value === null) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The backoff before retry number `attempt` (0-based): base·2^attempt, capped, between half
 * and all of it at random.
 *
 * @example backoffMs(2, 500, 30_000) // → between 1000 and 2000
 */
export function backoffMs(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const full = Math.min(maxMs, baseMs * 2 ** attempt);
  return full / 2 + random() * (full / 2);
}
