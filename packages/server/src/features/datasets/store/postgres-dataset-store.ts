/** The DatasetStore on PostgreSQL, on the store's pool. */
import type pg from "pg";
import { postgresRunner } from "../../../platform/store/sql-runner.js";
import { SqlDatasetStore } from "./sql-dataset-store.js";

/**
 * @example const datasets = postgresDatasetStore(pool); await datasets.list("1")
 */
export function postgresDatasetStore(pool: pg.Pool): SqlDatasetStore {
  return new SqlDatasetStore(postgresRunner(pool));
}
