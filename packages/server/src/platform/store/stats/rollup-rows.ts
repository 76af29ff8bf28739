/**
 * Ingest-side aggregation: stored calls folded in memory into one rollup row per
 * (bucket start, route, model), at minute and at hour resolution, so each batch writes
 * one upsert per key. Both backends use it inside their call-insert transaction.
 * Shadow calls (a candidate model's replies to mirrored traffic) are left out: the rollups are
 * the route's production traffic, and the shadow page shows the candidate's numbers apart.
 */
import { callColumns } from "../call-row.js";
import { histogramBuckets, latencyBucket } from "./latency-histogram.js";

export const minuteMs = 60_000;
export const hourMs = 3_600_000;

/** One rollup row's values. Route and model are "" when the call had none (key columns are NOT NULL). */
export interface RollupRow {
  bucketStartMs: number;
  route: string;
  model: string;
  calls: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencySum: number;
  latencyCount: number;
  histogram: number[];
}

const col = (name: (typeof callColumns)[number]): number => callColumns.indexOf(name);
const at = {
  ts: col("ts"),
  route: col("route"),
  model: col("model"),
  status: col("status"),
  latency: col("latency_ms"),
  input: col("input_tokens"),
  output: col("output_tokens"),
  cost: col("cost_usd"),
  source: col("source"),
};

/**
 * Rollup rows of `bucketMs` for calls given as `callToValues` arrays, sorted by key (a
 * fixed order keeps concurrent PostgreSQL upserts from deadlocking).
 *
 * @example rollupRows(storedValues, 60_000) // → [{ bucketStartMs, route: "categorize", calls: 12, … }]
 */
export function rollupRows(calls: readonly (readonly unknown[])[], bucketMs: number): RollupRow[] {
  const rows = new Map<string, RollupRow>();
  for (const values of calls) {
    if (values[at.source] === "shadow") continue;
    const ts = Number(values[at.ts]);
    const bucketStartMs = ts - (((ts % bucketMs) + bucketMs) % bucketMs);
    const route = values[at.route] == null ? "" : String(values[at.route]);
    const model = values[at.model] == null ? "" : String(values[at.model]);
    const key = `${bucketStartMs}\u0000${route}\u0000${model}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        bucketStartMs,
        route,
        model,
        calls: 0,
        errors: 0,
        inputTokens: 0,
        outputTokens: 0,
        costUsd: 0,
        latencySum: 0,
        latencyCount: 0,
        histogram: new Array<number>(histogramBuckets).fill(0),
      };
      rows.set(key, row);
    }
    row.calls += 1;
    if (values[at.status] !== "ok") row.errors += 1;
    row.inputTokens += Number(values[at.input] ?? 0);
    row.outputTokens += Number(values[at.output] ?? 0);
    row.costUsd += Number(values[at.cost] ?? 0);
    const latency = values[at.latency];
    if (latency != null) {
      row.latencySum += Number(latency);
      row.latencyCount += 1;
      const b = latencyBucket(Number(latency));
      row.histogram[b] = (row.histogram[b] ?? 0) + 1;
    }
  }
  return [...rows.values()].sort(
    (a, b) =>
      a.bucketStartMs - b.bucketStartMs ||
      (a.route < b.route ? -1 : a.route > b.route ? 1 : 0) ||
      (a.model < b.model ? -1 : a.model > b.model ? 1 : 0),
  );
}

/** The two rollup tables and their resolutions, finest first. */
export const rollupTables = [
  { table: "call_rollups", bucketMs: minuteMs },
  { table: "call_rollups_hourly", bucketMs: hourMs },
] as const;
