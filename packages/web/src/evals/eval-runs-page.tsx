/** Stored eval runs, newest first: pass rate, providers, date; pick two to compare them. */
import type { EvalRun } from "@genchi/spec";
import { useState } from "react";
import { Link, useLocation } from "wouter";
import { useAuth } from "../auth/auth-context.js";
import { formatCount, formatPercent, formatTime } from "../lib/format.js";
import { ErrorMessage } from "../ui/error-message.js";
import { StatusBadge } from "./eval-status-badge.js";
import { evalRuns, runTitle } from "./evals-api.js";
import { usePaged } from "./use-paged.js";
import "./evals.css";

export function EvalRunsPage() {
  const { client } = useAuth();
  const [, navigate] = useLocation();
  const runs = usePaged<EvalRun>((cursor, signal) => evalRuns(client, { limit: 50, cursor }, signal), "runs");
  const [picked, setPicked] = useState<string[]>([]);
  const toggle = (id: string) =>
    setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));
  const compare = () => {
    // older run first: A is the baseline
    const [a, b] = runs.items.filter((r) => picked.includes(r.id)).reverse();
    if (a && b) navigate(`/evals/compare?a=${encodeURIComponent(a.id)}&b=${encodeURIComponent(b.id)}`);
  };
  return (
    <div className="page">
      <div className="toolbar">
        <h1>Eval runs</h1>
        <div className="spacer" />
        <span className="muted small">
          {picked.length === 2 ? "two runs picked" : "pick two runs to compare them"}
        </span>
        <button type="button" disabled={picked.length !== 2} onClick={compare} data-testid="compare-picked">
          Compare
        </button>
      </div>
      {runs.error ? <ErrorMessage error={runs.error} title="Cannot list eval runs" /> : null}
      <div className="card">
        <table className="eval-table" data-testid="eval-runs">
          <thead>
            <tr>
              <th />
              <th>Started</th>
              <th>Suite</th>
              <th>Status</th>
              <th>Providers</th>
              <th className="num">Results</th>
              <th className="num">Pass rate</th>
              <th className="num">Flaky</th>
            </tr>
          </thead>
          <tbody>
            {runs.items.map((run) => {
              const n = run.stats.passed + run.stats.failed + run.stats.errors;
              return (
                <tr key={run.id} data-run-id={run.id}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`pick ${runTitle(run)}`}
                      checked={picked.includes(run.id)}
                      onChange={() => toggle(run.id)}
                    />
                  </td>
                  <td>{formatTime(run.startedAt)}</td>
                  <td>
                    <Link href={`/evals/runs/${encodeURIComponent(run.id)}`}>{runTitle(run)}</Link>
                    {run.configName && run.configName !== run.description ? (
                      <div className="muted small">{run.configName}</div>
                    ) : null}
                  </td>
                  <td>
                    <StatusBadge run={run} />
                  </td>
                  <td className="small">{run.providers.join(", ") || "–"}</td>
                  <td className="num">
                    {formatCount(n)}
                    {run.total !== null && run.total !== n ? ` / ${formatCount(run.total)}` : ""}
                  </td>
                  <td className="num">{formatPercent(run.passRate)}</td>
                  <td className="num">{run.flakyTests === null ? "–" : formatCount(run.flakyTests)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {runs.items.length === 0 && !runs.loading ? (
          <div className="empty muted section">
            No eval runs yet. Run <code>GENCHI_URL=… GENCHI_KEY=… genchi eval suite.yaml</code> to store one.
          </div>
        ) : null}
      </div>
      {runs.loading ? <p className="muted">Loading…</p> : null}
      {runs.hasMore && !runs.loading ? (
        <button type="button" className="eval-more" onClick={runs.loadMore}>
          Load more runs
        </button>
      ) : null}
    </div>
  );
}
