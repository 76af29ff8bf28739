/**
 * How a feature store written once in SQL runs on either backend: plain statements, and a
 * step whose follow-up statements depend on its rows, run together in one transaction.
 * SQL is written with `?` placeholders; PostgreSQL's runner numbers them (`$1`, `$2`, …).
 */
import type Database from "better-sqlite3";
import type pg from "pg";
import { pgTransaction } from "./postgres/pg-transaction.js";
import { asStorageError } from "./postgres/storage-error.js";

export type Row = Record<string, unknown>;

export interface Statement {
  sql: string;
  params: unknown[];
}

export interface SqlRunner {
  all(sql: string, params: unknown[]): Promise<Row[]>;
  /** Runs a statement; resolves with the number of rows changed. */
  run(sql: string, params: unknown[]): Promise<number>;
  /**
   * Runs `first`, then the statements `then(rows)` returns, in one transaction; resolves with
   * `first`'s rows. Nothing follows when `then` returns an empty list.
   */
  chain(first: Statement, then: (rows: Row[]) => Statement[]): Promise<Row[]>;
}

/**
 * A runner on a SQLite connection. `chain` is one synchronous `BEGIN IMMEDIATE` transaction,
 * so no other work on the connection can slip between its statements.
 *
 * @example const runner = sqliteRunner(db); await runner.all("SELECT 1 AS one", [])
 */
export function sqliteRunner(db: Database.Database): SqlRunner {
  return {
    all: async (sql, params) => db.prepare(sql).all(...params) as Row[],
    run: async (sql, params) => db.prepare(sql).run(...params).changes,
    chain: async (first, then) =>
      db
        .transaction(() => {
          const rows = db.prepare(first.sql).all(...first.params) as Row[];
          for (const s of then(rows)) db.prepare(s.sql).run(...s.params);
          return rows;
        })
        .immediate(),
  };
}

const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/**
 * A runner on a PostgreSQL pool (`?` placeholders become `$n`).
 *
 * @example const runner = postgresRunner(pool); await runner.run("DELETE FROM t WHERE id = ?", [1])
 */
export function postgresRunner(pool: pg.Pool): SqlRunner {
  return {
    all: async (sql, params) => {
      try {
        return (await pool.query(numbered(sql), params)).rows as Row[];
      } catch (error) {
        throw asStorageError(error);
      }
    },
    run: async (sql, params) => {
      try {
        return (await pool.query(numbered(sql), params)).rowCount ?? 0;
      } catch (error) {
        throw asStorageError(error);
      }
    },
    chain: (first, then) =>
      pgTransaction(pool, async (client) => {
        const rows = (await client.query(numbered(first.sql), first.params)).rows as Row[];
        for (const s of then(rows)) await client.query(numbered(s.sql), s.params);
        return rows;
      }),
  };
}
