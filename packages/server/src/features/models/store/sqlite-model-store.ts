/** The ModelStore on SQLite, on the store's main connection (pins change rarely). */
import type Database from "better-sqlite3";
import { SqlModelStore } from "./sql-model-store.js";

/**
 * @example const models = sqliteModelStore(db); await models.listPins("1")
 */
export function sqliteModelStore(db: Database.Database): SqlModelStore {
  return new SqlModelStore({
    all: async (sql, params) => db.prepare(sql).all(...params) as Record<string, unknown>[],
    run: async (sql, params) => db.prepare(sql).run(...params).changes,
    placeholder: () => "?",
  });
}
