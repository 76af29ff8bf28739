/** Number, time and money formatting shared by every page. */

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat("en-US");

/** 1234 → "1,234"; 1234567 → "1.2M" (compact only from a million). */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined) return "–";
  return Math.abs(n) >= 1_000_000 ? compact.format(n) : whole.format(Math.round(n));
}

/** Milliseconds as "850 ms" or "2.4 s". */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "–";
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** USD with precision that suits small LLM costs. */
export function formatUsd(usd: number | null | undefined): string {
  if (usd === null || usd === undefined) return "–";
  if (usd === 0) return "$0";
  if (Math.abs(usd) < 0.01) return `$${usd.toFixed(5)}`;
  if (Math.abs(usd) < 100) return `$${usd.toFixed(2)}`;
  return `$${whole.format(Math.round(usd))}`;
}

/** 0.0312 → "3.1%". */
export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return "–";
  return `${(ratio * 100).toFixed(ratio < 0.1 ? 2 : 1)}%`;
}

/** An ISO time as local "Nov 28, 14:05:09". */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  return d.toLocaleString("en-US", {
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hour12: false,
  });
}
