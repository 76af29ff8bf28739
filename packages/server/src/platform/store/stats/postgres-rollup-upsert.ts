/**
 * Keeps the PostgreSQL rollups current: one statement per batch (both tables, as two
 * data-modifying CTEs, so one round trip), pre-aggregated in JS, run by insertCallBatch
 * inside the batch's transaction after the calls went in.
 */
import type pg from "pg";
import { rollupRows, rollupTables } from "./rollup-rows.js";
import { rollupConflictUpdate, rollupKeyColumns, rollupValueColumns } from "./rollup-upsert-sql.js";
import { rowValues } from "./sqlite-rollup-writer.js";

/** Rows per key that concurrent PostgreSQL writers spread over. */
const rollupShards = 16;
/** Each pooled connection writes its own shard, so this process's concurrent batches never wait on each other. */
const shardOf = new WeakMap<object, number>();
let nextShard = Math.floor(Math.random() * rollupShards);
const columns = [...rollupKeyColumns, ...rollupValueColumns];
/** Every column but project_id (`$1`) is an array parameter. */
const arrayColumns = columns.slice(1);
const types = arrayColumns.map((c) =>
  c === "route" || c === "model" ? "text" : c === "cost_usd" || c === "latency_sum" ? "float8" : "bigint",
);

function insertInto(table: string, firstParam: number): string {
  return `INSERT INTO ${table} (${columns.join(", ")})
   SELECT $1::bigint, ${arrayColumns.map((c) => `r.${c}`).join(", ")}
   FROM unnest(${types.map((t, i) => `$${firstParam + i}::${t}[]`).join(", ")}) AS r (${arrayColumns.join(", ")})
   ${rollupConflictUpdate(table)}`;
}

const upsertSql = `WITH ${rollupTables
  .map(({ table }, i) => `${table}_up AS (${insertInto(table, 2 + i * arrayColumns.length)})`)
  .join(",\n")}
  SELECT 1`;

/**
 * Adds stored calls (`callToValues` arrays) to both rollup tables, in the caller's transaction.
 *
 * @example await upsertRollups(client, 1, storedValues)
 */
export async function upsertRollups(
  client: pg.PoolClient,
  projectId: number,
  stored: readonly (readonly unknown[])[],
): Promise<void> {
  if (stored.length === 0) return;
  // Concurrent batches of the same minute would queue on one row lock until commit:
  // each connection updates its own shard row instead (reads sum the shards).
  let shard = shardOf.get(client);
  if (shard === undefined) {
    shard = nextShard++ % rollupShards;
    shardOf.set(client, shard);
  }
  const values: unknown[] = [projectId];
  for (const { bucketMs } of rollupTables) {
    const rows = rollupRows(stored, bucketMs).map((row) => rowValues(projectId, row, shard));
    for (let c = 0; c < arrayColumns.length; c++) values.push(rows.map((row) => row[c + 1]));
  }
  await client.query({ name: "genchi_upsert_rollups", text: upsertSql, values });
}
