/**
 * Schema of the dashboard rollups: `call_rollups` (1-minute buckets) and
 * `call_rollups_hourly` (1-hour buckets), keyed by (project, bucket start, route, model),
 * with sums and the latency histogram as columns h0 … h39 (see latency-histogram.ts).
 * `shard` spreads concurrent PostgreSQL writers over several rows of one key (reads sum them).
 */
import type { Migration } from "../migration.js";
import { histogramBuckets, histogramColumns } from "./latency-histogram.js";
import { rollupTables } from "./rollup-rows.js";

function rollupTable(name: string, int: string, real: string, text: string): string {
  return `CREATE TABLE ${name} (
    project_id ${int} NOT NULL,
    bucket_start_ms ${int} NOT NULL,
    route ${text} NOT NULL,
    model ${text} NOT NULL,
    shard ${int} NOT NULL DEFAULT 0,
    calls ${int} NOT NULL,
    errors ${int} NOT NULL,
    input_tokens ${int} NOT NULL,
    output_tokens ${int} NOT NULL,
    cost_usd ${real} NOT NULL,
    latency_sum ${real} NOT NULL,
    latency_count ${int} NOT NULL,
    ${histogramColumns.map((h) => `${h} ${int} NOT NULL DEFAULT 0`).join(",\n    ")},
    PRIMARY KEY (project_id, bucket_start_ms, route, model, shard)
  );`;
}

/**
 * Fills a new rollup table from the calls already stored (a database that had calls before
 * the rollups existed), with the same bucket rule as `latencyBucket`, leaving shadow calls out
 * as ingest does (rollup-rows.ts). `least` is SQLite's `min` or PostgreSQL's `LEAST`.
 */
function backfill(table: string, bucketMs: number, least: string): string {
  const logRatio = Math.log(600_000) / (histogramBuckets - 1);
  const bucket = `CASE WHEN latency_ms IS NULL THEN -1 WHEN latency_ms <= 1 THEN 0
    ELSE ${least}(${histogramBuckets - 1}, ceil(ln(latency_ms) / ${logRatio} - 1e-9)) END`;
  return `INSERT INTO ${table} (project_id, bucket_start_ms, route, model, shard, calls, errors, input_tokens,
      output_tokens, cost_usd, latency_sum, latency_count, ${histogramColumns.join(", ")})
    SELECT project_id, ts - (ts % ${bucketMs}), coalesce(route, ''), coalesce(model, ''), 0, count(*),
      sum(CASE WHEN status <> 'ok' THEN 1 ELSE 0 END), coalesce(sum(input_tokens), 0),
      coalesce(sum(output_tokens), 0), coalesce(sum(cost_usd), 0), coalesce(sum(latency_ms), 0), count(latency_ms),
      ${histogramColumns.map((_, i) => `sum(CASE WHEN b = ${i} THEN 1 ELSE 0 END)`).join(", ")}
    FROM (SELECT project_id, ts, route, model, status, input_tokens, output_tokens, cost_usd, latency_ms,
      ${bucket} AS b FROM calls WHERE source <> 'shadow') c
    GROUP BY project_id, ts - (ts % ${bucketMs}), coalesce(route, ''), coalesce(model, '');`;
}

const backfillAll = (least: string): string =>
  rollupTables.map(({ table, bucketMs }) => backfill(table, bucketMs, least)).join("\n");

/** Rollups made before shadow calls were left out counted them: rebuilt once from the calls. */
const rebuildWithoutShadow = (least: string): Migration => ({
  name: "stats-0002-rollups-without-shadow",
  sql: `${rollupTables.map(({ table }) => `DELETE FROM ${table};`).join("\n")}
  ${backfillAll(least)}`,
});

export const sqliteStatsMigrations: Migration[] = [
  {
    name: "stats-0001-rollups",
    sql: `${rollupTable("call_rollups", "INTEGER", "REAL", "TEXT")}
  ${rollupTable("call_rollups_hourly", "INTEGER", "REAL", "TEXT")}
  CREATE INDEX feedback_project_ts ON feedback (project_id, ts);
  ${backfillAll("min")}`,
  },
  rebuildWithoutShadow("min"),
];

export const postgresStatsMigrations: Migration[] = [
  {
    name: "stats-0001-rollups",
    sql: `${rollupTable("call_rollups", "bigint", "double precision", "text")}
  ${rollupTable("call_rollups_hourly", "bigint", "double precision", "text")}
  CREATE INDEX feedback_project_ts ON feedback (project_id, ts);
  ${backfillAll("LEAST")}`,
  },
  rebuildWithoutShadow("LEAST"),
];
