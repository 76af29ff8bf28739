/** Reads a `--since` value: a duration back from now (`7d`, `24h`, `90m`) or an ISO date-time. */
import { GenchiError } from "@genchi/spec";

const units: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/**
 * @example sinceInstant("7d", Date.parse("2026-11-28T00:00:00Z")) // → "2026-11-21T00:00:00.000Z"
 */
export function sinceInstant(value: string, nowMs: number = Date.now()): string {
  const duration = /^(\d+(?:\.\d+)?)\s*([mhdw])$/.exec(value.trim());
  if (duration) {
    const ms = Number(duration[1]) * (units[duration[2] as string] as number);
    if (ms > 0) return new Date(nowMs - ms).toISOString();
  }
  const parsed = Date.parse(value);
  if (!duration && /^\d{4}-\d{2}-\d{2}/.test(value) && Number.isFinite(parsed))
    return new Date(parsed).toISOString();
  throw new GenchiError(
    "GENCHI_BAD_REQUEST",
    `since must be a duration like 7d, 24h, 90m or an ISO date-time, got "${value}"`,
    { field: "since" },
  );
}
