/** The StatsStore on PostgreSQL: the shared SQL, run on the store's pool. */
import type pg from "pg";
import { asStorageError } from "../postgres/storage-error.js";
import { SqlStatsStore } from "./sql-stats-store.js";

/**
 * @example const stats = postgresStatsStore(pool); await stats.facets("1", since, until)
 */
export function postgresStatsStore(pool: pg.Pool): SqlStatsStore {
  return new SqlStatsStore({
    all: async (sql, params) => {
      try {
        return (await pool.query<Record<string, unknown>>(sql, params as unknown[])).rows;
      } catch (error) {
        throw asStorageError(error);
      }
    },
    placeholder: (n) => `$${n}`,
  });
}
