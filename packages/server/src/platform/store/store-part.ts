/**
 * A feature's share of the store: its migrations for both backends and how to build its
 * sub-store on each. The SQLite and PostgreSQL stores run every part's migrations after the
 * core tables, in the order of `features/index.ts`, and attach each sub-store under its key.
 *
 * @example
 * export const reviewStorePart: StorePart<"review"> = {
 *   key: "review",
 *   migrations: { sqlite: sqliteReviewMigrations, postgres: postgresReviewMigrations },
 *   sqlite: ({ offThread }) => new SqlReviewStore(offThread),
 *   postgres: ({ pool }) => postgresReviewStore(pool),
 * };
 */
import type Database from "better-sqlite3";
import type pg from "pg";
import type { Migration } from "./migration.js";
import type { SqlRunner } from "./sql-runner.js";
import type { StoreParts } from "./store.js";

/** What a SQLite part is built from. */
export interface SqlitePartContext {
  /** The main thread's connection (the REST API's reads and rare writes). */
  db: Database.Database;
  /** A runner whose SELECTs go to the read worker: for what the gateway or a job reads in the background. */
  offThread: SqlRunner;
}

/** What a PostgreSQL part is built from. */
export interface PostgresPartContext {
  pool: pg.Pool;
}

export interface StorePart<K extends keyof StoreParts = keyof StoreParts> {
  /** The sub-store's property on `Store`. */
  key: K;
  /** Append-only schema steps; names unique across genchi (recorded in `genchi_migrations`). */
  migrations: { sqlite: readonly Migration[]; postgres: readonly Migration[] };
  sqlite(context: SqlitePartContext): StoreParts[K];
  postgres(context: PostgresPartContext): StoreParts[K];
}

/** Attaches each part's sub-store to `target` under its key. */
export function attachParts(
  target: object,
  parts: readonly StorePart[],
  build: (part: StorePart) => unknown,
): void {
  for (const part of parts) {
    Object.defineProperty(target, part.key, { value: build(part), enumerable: true });
  }
}
