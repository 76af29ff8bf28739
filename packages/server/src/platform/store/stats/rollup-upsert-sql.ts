/**
 * The rollup upsert, one text for both backends: add a row's sums and histogram counts
 * onto the stored row of the same key, or insert it.
 */
import { histogramColumns } from "./latency-histogram.js";

export const rollupValueColumns: readonly string[] = [
  "calls",
  "errors",
  "input_tokens",
  "output_tokens",
  "cost_usd",
  "latency_sum",
  "latency_count",
  ...histogramColumns,
];

export const rollupKeyColumns: readonly string[] = [
  "project_id",
  "bucket_start_ms",
  "route",
  "model",
  "shard",
];

/** `SET calls = t.calls + excluded.calls, …` for `table`. */
export function rollupConflictUpdate(table: string): string {
  return `ON CONFLICT (${rollupKeyColumns.join(", ")}) DO UPDATE SET ${rollupValueColumns
    .map((c) => `${c} = ${table}.${c} + excluded.${c}`)
    .join(", ")}`;
}
