/**
 * Two runs side by side (`/evals/compare?a=BEFORE&b=AFTER`): pass rates, the tests that flipped
 * each way with both outputs, McNemar's p-value, latency, cost and metric deltas, and the gate.
 * It says what it compares (which run is before, which after, on how many paired tests) and,
 * for each number, which way is better; a change for the better is green, for the worse red.
 */
import type { EvalFlip, EvalRunComparison } from "@genchi/spec";
import { Link } from "wouter";
import { useApi } from "../api/use-api.js";
import { useAuth } from "../auth/auth-context.js";
import { formatPercent, formatTime, formatUsd } from "../lib/format.js";
import { useQueryParams } from "../lib/use-query-params.js";
import { ErrorMessage } from "../ui/error-message.js";
import { evalCompare, formatPoints, runTitle } from "./evals-api.js";
import "./evals.css";

export function EvalComparePage() {
  const { client } = useAuth();
  const [params] = useQueryParams();
  const a = params.get("a") ?? "";
  const b = params.get("b") ?? "";
  const diff = useApi<EvalRunComparison>(
    (signal) => evalCompare(client, a, b, signal),
    `eval-compare:${a}:${b}`,
  );
  return (
    <div className="page">
      <div className="toolbar">
        <Link href="/evals" className="small">
          ← Eval runs
        </Link>
        <h1>Compare runs</h1>
      </div>
      {diff.state === "error" ? <ErrorMessage error={diff.error} title="Cannot compare these runs" /> : null}
      {diff.state === "loading" ? <p className="muted">Loading…</p> : null}
      {diff.state === "ok" ? <CompareBody diff={diff.data} /> : null}
    </div>
  );
}

const signed = (n: number, digits: number, unit = "") => `${n >= 0 ? "+" : ""}${n.toFixed(digits)}${unit}`;

/** The class of a delta: green when it moved the better way, red when the worse, none when unchanged. */
export function deltaClass(delta: number | null, better: "higher" | "lower"): string {
  if (delta === null || delta === 0) return "";
  return delta > 0 === (better === "higher") ? "text-ok" : "text-error";
}

function CompareBody({ diff }: { diff: EvalRunComparison }) {
  const { a, b, comparison: c } = diff;
  const runCell = (label: string, run: typeof a, rate: number) => (
    <div className="card kpi">
      <div className="kpi-label">{label}</div>
      <div className="kpi-value">{formatPercent(rate)}</div>
      <div className="kpi-sub">
        <Link href={`/evals/runs/${encodeURIComponent(run.id)}`}>{runTitle(run)}</Link> ·{" "}
        {formatTime(run.startedAt)}
      </div>
    </div>
  );
  return (
    <div className="eval-sections">
      <p className="compare-explainer" data-testid="compare-explainer">
        Comparing run <strong>A</strong> (before: {runTitle(a)}, {formatTime(a.startedAt)}) with run{" "}
        <strong>B</strong> (after: {runTitle(b)}, {formatTime(b.startedAt)}) on the {c.pairs} results both
        runs have, paired by test, provider and repeat
        {c.unpairedA + c.unpairedB > 0
          ? ` (${c.unpairedA + c.unpairedB} results in only one run are left out)`
          : ""}
        . A higher pass rate is better; lower latency and cost are better. A regression passed in A and fails
        in B. McNemar&apos;s p-value below 0.05 says the pass-rate change is unlikely to be chance.
      </p>
      <div className="eval-kpis" data-testid="compare-kpis">
        {runCell("A (before)", a, c.passRateA)}
        {runCell("B (after)", b, c.passRateB)}
        <div className="card kpi">
          <div className="kpi-label">Pass rate change (higher is better)</div>
          <div className={`kpi-value ${deltaClass(c.passRateDelta, "higher")}`} data-testid="pass-rate-delta">
            {formatPoints(c.passRateDelta)}
          </div>
          <div className="kpi-sub">
            gate{" "}
            <span className={`badge badge-${c.gate === "pass" ? "ok" : "error"}`} data-testid="gate">
              {c.gate}
            </span>
          </div>
        </div>
        <div className="card kpi" data-testid="mcnemar">
          <div className="kpi-label">McNemar p-value (&lt; 0.05: not chance)</div>
          <div className="kpi-value">{c.mcnemar.pValue.toPrecision(3)}</div>
          <div className="kpi-sub">
            {c.regressions.length} pass→fail · {c.improvements.length} fail→pass
          </div>
        </div>
        <div className="card kpi">
          <div className="kpi-label">Latency p50 change (lower is better)</div>
          <div className={`kpi-value ${deltaClass(c.latencyP50Delta, "lower")}`}>
            {c.latencyP50Delta === null ? "–" : signed(c.latencyP50Delta, 0, " ms")}
          </div>
          <div className="kpi-sub">score {signed(c.scoreDelta, 3)}</div>
        </div>
        <div className="card kpi">
          <div className="kpi-label">Cost / 1,000 calls change (lower is better)</div>
          <div className={`kpi-value ${deltaClass(c.costPer1kDelta, "lower")}`}>
            {c.costPer1kDelta === null
              ? "–"
              : `${c.costPer1kDelta >= 0 ? "+" : "−"}${formatUsd(Math.abs(c.costPer1kDelta))}`}
          </div>
          <div className="kpi-sub">
            {c.pairs} pairs{c.unpairedA + c.unpairedB > 0 ? ` · ${c.unpairedA + c.unpairedB} unpaired` : ""}
          </div>
        </div>
      </div>
      {Object.keys(c.metricDeltas).length > 0 ? (
        <div className="small">
          Metrics:{" "}
          {Object.entries(c.metricDeltas)
            .map(([k, v]) => `${k} ${signed(v, 3)}`)
            .join(" · ")}
        </div>
      ) : null}
      <FlipTable title="Regressions (pass → fail)" flips={c.regressions} testId="regressions" />
      <FlipTable title="Improvements (fail → pass)" flips={c.improvements} testId="improvements" />
    </div>
  );
}

function FlipTable({ title, flips, testId }: { title: string; flips: EvalFlip[]; testId: string }) {
  return (
    <section className="card section" data-testid={testId}>
      <h2>
        {title}: {flips.length}
      </h2>
      {flips.length === 0 ? (
        <div className="muted">None.</div>
      ) : (
        <table className="eval-table">
          <thead>
            <tr>
              <th>Test</th>
              <th>Provider</th>
              <th>Output in A</th>
              <th>Output in B</th>
            </tr>
          </thead>
          <tbody>
            {flips.slice(0, 500).map((f) => (
              <tr key={`${f.description}:${f.provider}:${f.repeat}`}>
                <td>
                  {f.description}
                  {f.repeat ? <span className="muted small"> #{f.repeat + 1}</span> : null}
                </td>
                <td className="small">{f.provider}</td>
                <td>
                  <pre className="eval-output">{f.before ?? ""}</pre>
                </td>
                <td>
                  <pre className="eval-output">{f.after ?? ""}</pre>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
