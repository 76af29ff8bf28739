/**
 * When demo calls happen and how long they take: a diurnal curve (quiet nights, busy
 * afternoons), busier weekdays, and lognormal latencies per model with time to first
 * token for streamed replies.
 */
import type { DemoRandom } from "./random.js";

const hourMs = 3_600_000;

/** Relative traffic per UTC hour of day. */
const diurnal = [
  0.15, 0.1, 0.08, 0.08, 0.1, 0.18, 0.35, 0.6, 0.85, 1, 1.05, 1.1, 1.05, 1.1, 1.15, 1.1, 1.0, 0.9, 0.8, 0.7,
  0.6, 0.45, 0.3, 0.2,
];

/**
 * `count` timestamps over the `days` before `nowMs`, ascending.
 *
 * @example callTimes(1000, 14, Date.now(), random) // → [1731…, …]
 */
export function callTimes(count: number, days: number, nowMs: number, random: DemoRandom): number[] {
  const startHour = Math.floor(nowMs / hourMs) - days * 24;
  const hours = days * 24 + 1;
  const weights: number[] = [];
  for (let h = 0; h < hours; h++) {
    const date = new Date((startHour + h) * hourMs);
    const weekday = date.getUTCDay() >= 1 && date.getUTCDay() <= 5 ? 1.35 : 0.8;
    weights.push(diurnal[date.getUTCHours()]! * weekday);
  }
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) {
    sum += w;
    cumulative.push(sum);
  }
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const x = random.next() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    const t = (startHour + lo) * hourMs + Math.floor(random.next() * hourMs);
    times.push(Math.min(t, nowMs - 1000));
  }
  return times.sort((a, b) => a - b);
}

export interface ModelProfile {
  requested: string;
  model: string;
  provider: string;
  /** Median ms before the first output token. */
  firstTokenMs: number;
  /** Median ms per output token. */
  perTokenMs: number;
}

export const demoModels: Record<"gpt" | "claude", ModelProfile> = {
  gpt: {
    requested: "gpt-4o-mini",
    model: "gpt-4o-mini-2024-07-18",
    provider: "openai",
    firstTokenMs: 380,
    perTokenMs: 9,
  },
  claude: {
    requested: "claude-3-5-haiku-latest",
    model: "claude-3-5-haiku-20241022",
    provider: "anthropic",
    firstTokenMs: 520,
    perTokenMs: 11,
  },
};

/** Latency and time to first token (ms) of one call producing `outputTokens`. */
export function callTiming(
  profile: ModelProfile,
  outputTokens: number,
  random: DemoRandom,
): { latencyMs: number; ttftMs: number } {
  const ttftMs = Math.round(random.lognormal(profile.firstTokenMs, 0.35));
  const latencyMs = Math.round(ttftMs + outputTokens * random.lognormal(profile.perTokenMs, 0.25));
  return { latencyMs, ttftMs };
}
