/** The StatsStore on SQLite: the shared SQL, run on the store's main (reading) connection. */
import type Database from "better-sqlite3";
import { SqlStatsStore } from "./sql-stats-store.js";

/**
 * @example const stats = sqliteStatsStore(db); await stats.facets("1", since, until)
 */
export function sqliteStatsStore(db: Database.Database): SqlStatsStore {
  return new SqlStatsStore({
    all: async (sql, params) => db.prepare(sql).all(...params) as Record<string, unknown>[],
    placeholder: () => "?",
  });
}
