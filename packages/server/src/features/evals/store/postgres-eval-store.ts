/** The EvalStore on PostgreSQL, on the store's pool. */
import type pg from "pg";
import { postgresRunner } from "../../../platform/store/sql-runner.js";
import { SqlEvalStore } from "./sql-eval-store.js";

/**
 * @example const evals = postgresEvalStore(pool); await evals.listRuns("1", { limit: 20 })
 */
export function postgresEvalStore(pool: pg.Pool): SqlEvalStore {
  return new SqlEvalStore(postgresRunner(pool), (b) => b);
}
