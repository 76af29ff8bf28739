/** The ModelStore on PostgreSQL, on the store's pool. */
import type pg from "pg";
import { SqlModelStore } from "./sql-model-store.js";

/**
 * @example const models = postgresModelStore(pool); await models.listPins("1")
 */
export function postgresModelStore(pool: pg.Pool): SqlModelStore {
  return new SqlModelStore({
    all: async (sql, params) => (await pool.query(sql, params)).rows as Record<string, unknown>[],
    run: async (sql, params) => (await pool.query(sql, params)).rowCount ?? 0,
    placeholder: (n) => `$${n}`,
  });
}
