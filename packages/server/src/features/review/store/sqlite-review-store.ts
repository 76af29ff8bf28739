/** The ReviewStore on SQLite, on the store's main connection. */
import type Database from "better-sqlite3";
import { sqliteRunner } from "../../../platform/store/sql-runner.js";
import { SqlReviewStore } from "./sql-review-store.js";

/**
 * @example const review = sqliteReviewStore(db); await review.listFailureModes("1")
 */
export function sqliteReviewStore(db: Database.Database): SqlReviewStore {
  return new SqlReviewStore(sqliteRunner(db));
}
