/** The DatasetStore on SQLite, on the store's main connection. */
import type Database from "better-sqlite3";
import { sqliteRunner } from "../../../platform/store/sql-runner.js";
import { SqlDatasetStore } from "./sql-dataset-store.js";

/**
 * @example const datasets = sqliteDatasetStore(db); await datasets.list("1")
 */
export function sqliteDatasetStore(db: Database.Database): SqlDatasetStore {
  return new SqlDatasetStore(sqliteRunner(db));
}
