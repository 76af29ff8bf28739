/**
 * Keeps the SQLite rollups current: called by SqliteCallWriter inside its insert
 * transaction (in the write worker) with the calls that were actually stored.
 */
import type Database from "better-sqlite3";
import { type RollupRow, rollupRows, rollupTables } from "./rollup-rows.js";
import { rollupConflictUpdate, rollupKeyColumns, rollupValueColumns } from "./rollup-upsert-sql.js";

export class SqliteRollupWriter {
  private statements: Database.Statement[] | null = null;

  constructor(private readonly db: Database.Database) {}

  /**
   * Adds stored calls (`callToValues` arrays) to both rollup tables.
   *
   * @example writer.add(1, storedValues) // inside the calls transaction
   */
  add(projectId: number, stored: readonly (readonly unknown[])[]): void {
    if (stored.length === 0) return;
    this.statements ??= rollupTables.map(({ table }) => {
      const columns = [...rollupKeyColumns, ...rollupValueColumns];
      return this.db.prepare(
        `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})
         ${rollupConflictUpdate(table)}`,
      );
    });
    rollupTables.forEach(({ bucketMs }, i) => {
      const statement = this.statements![i]!;
      for (const row of rollupRows(stored, bucketMs)) statement.run(rowValues(projectId, row, 0));
    });
  }
}

/** Key and value columns of a row, in `rollupKeyColumns`, `rollupValueColumns` order. */
export function rowValues(projectId: number, row: RollupRow, shard: number): unknown[] {
  return [
    projectId,
    row.bucketStartMs,
    row.route,
    row.model,
    shard,
    row.calls,
    row.errors,
    row.inputTokens,
    row.outputTokens,
    row.costUsd,
    row.latencySum,
    row.latencyCount,
    ...row.histogram,
  ];
}
