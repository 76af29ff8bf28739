/** The range picker's presets (1h … 90d) and how a preset becomes since/until. */

export const rangePresets = ["1h", "24h", "7d", "14d", "30d", "90d"] as const;
export type RangePreset = (typeof rangePresets)[number];

const presetMs: Record<RangePreset, number> = {
  "1h": 3_600_000,
  "24h": 86_400_000,
  "7d": 7 * 86_400_000,
  "14d": 14 * 86_400_000,
  "30d": 30 * 86_400_000,
  "90d": 90 * 86_400_000,
};

export function isRangePreset(value: string | null | undefined): value is RangePreset {
  return value !== null && value !== undefined && (rangePresets as readonly string[]).includes(value);
}

/**
 * The window of a preset ending now (rounded up to the minute so URLs stay stable).
 *
 * @example rangeOf("24h") // { since: "2026-…T…Z", until: "…" }
 */
export function rangeOf(preset: RangePreset, now = Date.now()): { since: string; until: string } {
  const until = Math.ceil(now / 60_000) * 60_000;
  return { since: new Date(until - presetMs[preset]).toISOString(), until: new Date(until).toISOString() };
}

/** An ISO time as the value of a `datetime-local` input (local time), or "" when not a time. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return "";
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

/** A `datetime-local` value back to ISO (UTC), or undefined when empty. */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
