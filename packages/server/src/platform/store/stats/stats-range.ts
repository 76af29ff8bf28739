/**
 * Turns a dashboard query's range and bucket into aligned numbers: defaults (the last 24
 * hours), `auto` bucket choice (~100–360 points), and a clear error for ranges that are
 * backwards or would need too many points.
 */
import { GenchiError, type StatsBucket, statsBucketMs } from "@genchi/spec";

export const dayMs = 86_400_000;
/** The most points one series may have; a smaller bucket than that allows is refused. */
export const maxPoints = 2000;
const autoMaxPoints = 360;

export interface StatsRange {
  sinceMs: number;
  untilMs: number;
  bucketMs: number;
}

/**
 * @example statsRange({ since: "2026-11-01T00:00:00Z", until: "2026-11-02T00:00:00Z", bucket: "auto" }, Date.now())
 *   // → { sinceMs, untilMs, bucketMs: 300_000 }
 */
export function statsRange(
  query: { since?: string | undefined; until?: string | undefined; bucket?: StatsBucket },
  nowMs: number,
): StatsRange {
  const untilRaw = query.until ? Date.parse(query.until) : nowMs;
  const sinceRaw = query.since ? Date.parse(query.since) : untilRaw - dayMs;
  if (!(sinceRaw < untilRaw)) {
    throw new GenchiError(
      "GENCHI_VALIDATION",
      "since must be before until; send ISO timestamps, since first",
      {
        field: "since",
      },
    );
  }
  const span = untilRaw - sinceRaw;
  const bucket = query.bucket ?? "auto";
  const widths = Object.values(statsBucketMs);
  const bucketMs =
    bucket === "auto"
      ? (widths.find((w) => span / w <= autoMaxPoints) ?? widths[widths.length - 1]!)
      : statsBucketMs[bucket];
  const sinceMs = Math.floor(sinceRaw / bucketMs) * bucketMs;
  const untilMs = Math.ceil(untilRaw / bucketMs) * bucketMs;
  const points = (untilMs - sinceMs) / bucketMs;
  if (points > maxPoints) {
    throw new GenchiError(
      "GENCHI_VALIDATION",
      `bucket ${bucket} over this range makes ${points} points (at most ${maxPoints}); use a larger bucket or bucket=auto`,
      { field: "bucket" },
    );
  }
  return { sinceMs, untilMs, bucketMs };
}
