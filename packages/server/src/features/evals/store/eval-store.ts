/**
 * Stored eval runs: a run is created when `genchi eval` starts, results are appended in
 * batches as they stream, and the run is finished with its summary tables. Every query is
 * scoped by project: one project never sees another's runs.
 */
import type {
  EvalResult,
  EvalResultsPage,
  EvalResultsQuery,
  EvalRun,
  EvalRunCreate,
  EvalRunFinish,
  EvalRunsPage,
  EvalRunsQuery,
} from "@genchi/spec";

export interface EvalStore {
  createRun(projectId: string, run: EvalRunCreate): Promise<EvalRun>;
  /**
   * Appends results after those already stored; resolves with how many the run holds now, or
   * null when the project has no such run. A finished run takes no more results (GENCHI_BAD_REQUEST).
   */
  appendResults(projectId: string, runId: string, results: readonly EvalResult[]): Promise<number | null>;
  /** Sets the final status and summary tables; null when the project has no such run. */
  finishRun(projectId: string, runId: string, finish: EvalRunFinish): Promise<EvalRun | null>;
  getRun(projectId: string, runId: string): Promise<EvalRun | null>;
  /** Newest first. */
  listRuns(projectId: string, query: EvalRunsQuery): Promise<EvalRunsPage>;
  /** In arrival order; empty for a run the project does not have. */
  listResults(projectId: string, runId: string, query: EvalResultsQuery): Promise<EvalResultsPage>;
}
