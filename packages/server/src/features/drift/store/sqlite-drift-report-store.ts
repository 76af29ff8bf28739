/** The DriftReportStore on SQLite, on the store's main connection. */
import type Database from "better-sqlite3";
import { sqliteRunner } from "../../../platform/store/sql-runner.js";
import { SqlDriftReportStore } from "./sql-drift-report-store.js";

/**
 * @example const drift = sqliteDriftReportStore(db); await drift.list("1", { limit: 20 })
 */
export function sqliteDriftReportStore(db: Database.Database): SqlDriftReportStore {
  return new SqlDriftReportStore(sqliteRunner(db));
}
