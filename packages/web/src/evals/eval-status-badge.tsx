/** A run's status as a coloured badge: finished, failed, or still running. */
import type { EvalRun } from "@genchi/spec";

export function StatusBadge({ run }: { run: EvalRun }) {
  const kind = run.status === "finished" ? "ok" : run.status === "failed" ? "error" : "warn";
  return <span className={`badge badge-${kind}`}>{run.status}</span>;
}
