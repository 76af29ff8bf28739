/** The EvalStore on SQLite, on the store's main connection (a batch is one short transaction). */
import type Database from "better-sqlite3";
import { sqliteRunner } from "../../../platform/store/sql-runner.js";
import { SqlEvalStore } from "./sql-eval-store.js";

/**
 * @example const evals = sqliteEvalStore(db); await evals.listRuns("1", { limit: 20 })
 */
export function sqliteEvalStore(db: Database.Database): SqlEvalStore {
  return new SqlEvalStore(sqliteRunner(db), (b) => (b ? 1 : 0));
}
