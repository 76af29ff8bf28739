/**
 * Timestamps a client may send: ISO 8601 with an offset, between 1970-01-01 and 2200-01-01 (UTC).
 * The range keeps every stored time a non-negative, exactly representable sort key
 * (genchi orders calls by `milliseconds × 1024`, which must stay below 2^53).
 */
import { z } from "zod";

/** The earliest accepted timestamp, ms since the epoch (1970-01-01T00:00:00Z). */
export const earliestTimestampMs = 0;
/** The first timestamp no longer accepted, ms since the epoch (2200-01-01T00:00:00Z). */
export const latestTimestampMs = Date.UTC(2200, 0, 1);

/** True when `ms` lies in the accepted range [1970-01-01, 2200-01-01). */
export function isTimestampInRange(ms: number): boolean {
  return Number.isFinite(ms) && ms >= earliestTimestampMs && ms < latestTimestampMs;
}

/**
 * @example timestampSchema.safeParse("9999-12-31T23:59:59.999Z").success // → false
 */
export const timestampSchema = z.iso
  .datetime({ offset: true })
  .refine((text) => isTimestampInRange(Date.parse(text)), {
    message: "timestamp must lie between 1970-01-01T00:00:00Z and 2200-01-01T00:00:00Z",
  });
