/** The ReviewStore on PostgreSQL, on the store's pool. */
import type pg from "pg";
import { postgresRunner } from "../../../platform/store/sql-runner.js";
import { SqlReviewStore } from "./sql-review-store.js";

/**
 * @example const review = postgresReviewStore(pool); await review.listFailureModes("1")
 */
export function postgresReviewStore(pool: pg.Pool): SqlReviewStore {
  return new SqlReviewStore(postgresRunner(pool));
}
