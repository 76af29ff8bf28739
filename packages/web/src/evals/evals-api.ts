/** The eval endpoints the eval pages read: stored runs, their results, and a comparison of two runs. */
import type { api, EvalResultsPage, EvalRun, EvalRunComparison, EvalRunsPage } from "@genchi/spec";
import type { ApiClient, QueryOf } from "../api/api-client.js";

/** @example const page = await evalRuns(client, { limit: 50 }) */
export function evalRuns(
  client: ApiClient,
  query: QueryOf<typeof api.evals.runs>,
  signal?: AbortSignal,
): Promise<EvalRunsPage> {
  return client.evals.runs({ query, signal });
}

/** @example const run = await evalRun(client, id) */
export function evalRun(client: ApiClient, id: string, signal?: AbortSignal): Promise<EvalRun> {
  return client.evals.run({ params: { id }, signal });
}

/** @example const failures = await evalResults(client, id, { failedOnly: "true" }) */
export function evalResults(
  client: ApiClient,
  id: string,
  query: QueryOf<typeof api.evals.results>,
  signal?: AbortSignal,
): Promise<EvalResultsPage> {
  return client.evals.results({ params: { id }, query, signal });
}

/** @example const diff = await evalCompare(client, before, after) */
export function evalCompare(
  client: ApiClient,
  a: string,
  b: string,
  signal?: AbortSignal,
): Promise<EvalRunComparison> {
  return client.evals.compare({ query: { a, b }, signal });
}

/** The run's name as people know it: its description, else its config file. */
export function runTitle(run: EvalRun): string {
  return run.description || run.configName || run.id;
}

/** Signed points: 0.05 → "+5.0 pts". */
export function formatPoints(delta: number): string {
  return `${delta >= 0 ? "+" : ""}${(delta * 100).toFixed(1)} pts`;
}
