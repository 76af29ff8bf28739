/** The DriftReportStore on PostgreSQL, on the store's pool. */
import type pg from "pg";
import { postgresRunner } from "../../../platform/store/sql-runner.js";
import { SqlDriftReportStore } from "./sql-drift-report-store.js";

/**
 * @example const drift = postgresDriftReportStore(pool); await drift.list("1", { limit: 20 })
 */
export function postgresDriftReportStore(pool: pg.Pool): SqlDriftReportStore {
  return new SqlDriftReportStore(postgresRunner(pool));
}
