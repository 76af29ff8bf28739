/**
 * One stored eval run: totals, the smallest-model table (Pareto front, recommendation) when
 * several providers ran, repeat metrics with flaky tests first, the failures, then every result.
 */
import type { EvalRun } from "@genchi/spec";
import { useEffect, useState } from "react";
import { Link } from "wouter";
import { useApi } from "../api/use-api.js";
import { useAuth } from "../auth/auth-context.js";
import { formatCount, formatPercent, formatTime } from "../lib/format.js";
import { ErrorMessage } from "../ui/error-message.js";
import { ProviderTable } from "./eval-provider-table.js";
import { RepeatTable } from "./eval-repeat-table.js";
import { ResultsSection } from "./eval-results-section.js";
import { StatusBadge } from "./eval-status-badge.js";
import { evalRun, evalRuns, runTitle } from "./evals-api.js";
import "./evals.css";

export function EvalRunPage({ id }: { id: string }) {
  const { client } = useAuth();
  const [tick, setTick] = useState(0);
  const run = useApi<EvalRun>((signal) => evalRun(client, id, signal), `eval-run:${id}:${tick}`);
  const data = run.state === "error" ? undefined : run.data;
  const running = data?.status === "running";
  // a run still streaming in: refresh its totals every few seconds
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(() => setTick(tick + 1), 3000);
    return () => clearTimeout(timer);
  }, [running, tick]);
  return (
    <div className="page">
      <div className="toolbar">
        <Link href="/evals" className="small">
          ← Eval runs
        </Link>
        <h1>{data ? runTitle(data) : "Eval run"}</h1>
        {data ? <StatusBadge run={data} /> : null}
      </div>
      {run.state === "error" ? <ErrorMessage error={run.error} title="Cannot show this eval run" /> : null}
      {!data && run.state === "loading" ? <p className="muted">Loading…</p> : null}
      {data ? <RunBody run={data} /> : null}
    </div>
  );
}

function Kpi({ label, value, sub }: { label: string; value: string; sub?: string }) {
  return (
    <div className="card kpi">
      <div className="kpi-label">{label}</div>
      <div className="kpi-value">{value}</div>
      {sub ? <div className="kpi-sub">{sub}</div> : null}
    </div>
  );
}

function RunBody({ run }: { run: EvalRun }) {
  const { passed, failed, errors } = run.stats;
  return (
    <div className="eval-sections">
      <div className="eval-kpis" data-testid="eval-run-kpis">
        <Kpi label="Pass rate" value={formatPercent(run.passRate)} sub={`${formatCount(passed)} passed`} />
        <Kpi label="Failed" value={formatCount(failed)} sub={`${formatCount(errors)} errors`} />
        <Kpi
          label="Results"
          value={formatCount(passed + failed + errors)}
          sub={run.total !== null ? `of ${formatCount(run.total)} planned` : ""}
        />
        <Kpi label="Started" value={formatTime(run.startedAt)} sub={run.configName} />
      </div>
      <PreviousRunLink run={run} />
      {run.providerTable.length > 1 ? <ProviderTable run={run} /> : null}
      {run.repeatMetrics.length > 0 ? <RepeatTable run={run} /> : null}
      <ResultsSection run={run} failedOnly title="Failures" empty="Every result passed." />
      <ResultsSection run={run} failedOnly={false} title="All results" empty="No results stored yet." />
    </div>
  );
}

/** A link to the comparison with the previous run of the same suite, when there is one. */
function PreviousRunLink({ run }: { run: EvalRun }) {
  const { client } = useAuth();
  const runs = useApi(
    (signal) => evalRuns(client, { configName: run.configName, limit: 100 }, signal),
    `eval-runs-of:${run.configName}`,
  );
  if (runs.state !== "ok" || !run.configName) return null;
  const i = runs.data.data.findIndex((r) => r.id === run.id);
  const previous = i >= 0 ? runs.data.data[i + 1] : undefined;
  if (!previous) return null;
  return (
    <div className="small">
      <Link href={`/evals/compare?a=${encodeURIComponent(previous.id)}&b=${encodeURIComponent(run.id)}`}>
        Compare with the previous run of {run.configName} ({formatTime(previous.startedAt)})
      </Link>
    </div>
  );
}
