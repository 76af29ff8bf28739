/**
 * The Drift page: pick a baseline dataset and a window of production calls (route, period),
 * run `POST /api/v1/drift`, and see what moved — the findings (drifted first) with their
 * histograms side by side and examples, then semantic drift: the cluster map and the topics
 * the tests do not cover; every descriptor compared (p-value, effect and its floor), and the
 * ones skipped as not applying (language on JSON, JSON shape on prose).
 */

import type { GenchiApiError } from "@genchi/sdk/api";
import type { DriftFinding, DriftReport } from "@genchi/spec";
import { useState } from "react";
import { toApiError, useApi } from "../api/use-api.js";
import { useAuth } from "../auth/auth-context.js";
import { formatPercent } from "../lib/format.js";
import { ErrorMessage } from "../ui/error-message.js";
import { ClusterMap } from "./cluster-map.js";
import { DescriptorHistogram, HistogramLegend } from "./descriptor-histogram.js";
import { StoredDriftReports } from "./stored-drift-reports.js";
import "./drift.css";

const periods = [
  ["1d", "last 24 hours", 86_400_000],
  ["7d", "last 7 days", 7 * 86_400_000],
  ["30d", "last 30 days", 30 * 86_400_000],
] as const;

const num = (x: number) =>
  !Number.isFinite(x)
    ? String(x)
    : Math.abs(x) >= 100
      ? x.toFixed(0)
      : Math.abs(x) >= 1
        ? x.toFixed(2)
        : x.toPrecision(2);

export function DriftPage() {
  const { client } = useAuth();
  const since30d = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const datasets = useApi((signal) => client.datasets.list({ signal }), "drift-datasets");
  const facets = useApi(
    (signal) => client.stats.facets({ query: { since: since30d.slice(0, 13) + ":00:00.000Z" }, signal }),
    "drift-facets",
  );
  const [dataset, setDataset] = useState("");
  const [route, setRoute] = useState("");
  const [period, setPeriod] = useState<(typeof periods)[number][0]>("7d");
  const [semantic, setSemantic] = useState(false);
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState<DriftReport | null>(null);
  const [storedLabel, setStoredLabel] = useState<string | null>(null);
  const [error, setError] = useState<GenchiApiError | null>(null);
  const datasetList = datasets.state === "ok" ? datasets.data.data : [];
  const routes = facets.state === "ok" ? facets.data.routes.flatMap((r) => (r.value ? [r.value] : [])) : [];
  const chosenDataset = dataset || datasetList[0]?.name || "";
  const chosenRoute = route || datasetList.find((d) => d.name === chosenDataset)?.route || "";

  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      const ms = periods.find((p) => p[0] === period)?.[2] ?? 7 * 86_400_000;
      const body = {
        baseline: { dataset: chosenDataset },
        current: {
          ...(chosenRoute ? { route: chosenRoute } : {}),
          since: new Date(Date.now() - ms).toISOString(),
        },
        semantic,
      };
      setReport(await client.drift.run({ body }));
      setStoredLabel(null);
    } catch (e) {
      setError(toApiError(e));
      setReport(null);
    } finally {
      setRunning(false);
    }
  };

  return (
    <div className="page">
      <div className="toolbar">
        <h1>Drift</h1>
        <label className="field">
          Tests (dataset)
          <select
            value={chosenDataset}
            onChange={(e) => setDataset(e.target.value)}
            data-testid="drift-dataset"
          >
            {datasetList.length === 0 ? <option value="">no datasets</option> : null}
            {datasetList.map((d) => (
              <option key={d.id} value={d.name}>
                {d.name} ({d.itemCount})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Production route
          <select value={chosenRoute} onChange={(e) => setRoute(e.target.value)} data-testid="drift-route">
            <option value="">all routes</option>
            {[...new Set([...routes, ...(chosenRoute ? [chosenRoute] : [])])].map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Period
          <select value={period} onChange={(e) => setPeriod(e.target.value as typeof period)}>
            {periods.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>
            <input type="checkbox" checked={semantic} onChange={(e) => setSemantic(e.target.checked)} />{" "}
            topics (embeddings, slower)
          </span>
        </label>
        <button type="button" onClick={run} disabled={running || !chosenDataset} data-testid="drift-run">
          {running ? "Comparing…" : "Compare"}
        </button>
      </div>
      {datasets.state === "error" ? (
        <ErrorMessage error={datasets.error} title="Cannot list datasets" />
      ) : null}
      {datasets.state === "ok" && datasetList.length === 0 ? (
        <div className="message">
          <strong>No datasets yet.</strong>
          <span>
            Drift compares a dataset of test inputs with production calls. Create one with{" "}
            <code>POST /api/v1/datasets</code>, or compare two files with <code>genchi drift</code>.
          </span>
        </div>
      ) : null}
      <StoredDriftReports
        onOpen={(stored, label) => {
          setError(null);
          setReport(stored);
          setStoredLabel(label);
        }}
      />
      {error ? <ErrorMessage error={error} title="Cannot compute drift" /> : null}
      {report && storedLabel ? (
        <p className="muted small" data-testid="drift-stored-label">
          Stored report: {storedLabel}
        </p>
      ) : null}
      {report ? <DriftReportView report={report} /> : null}
    </div>
  );
}

/** "h 0.93 (min 0.2)"; reports stored before effect sizes have none. */
function effectText(f: DriftFinding): string {
  if (f.effect === undefined || f.minEffect === undefined) return "";
  return `${f.effectSize === "ks_d" ? "D" : "h"} ${num(f.effect)} (min ${f.minEffect})`;
}

function DriftReportView({ report }: { report: DriftReport }) {
  const findings = [...report.findings].sort((a, b) => Number(b.drifted) - Number(a.drifted));
  const drifted = findings.filter((f) => f.drifted);
  const uncovered = report.clusters.filter((c) => c.uncovered);
  return (
    <div data-testid="drift-report">
      <div className={report.drifted ? "message message-error" : "message"} data-testid="drift-summary">
        <strong>{report.drifted ? "Production has drifted from the tests" : "No drift found"}</strong>
        <span>
          {report.baselineCount} test inputs vs {report.currentCount} production calls · {drifted.length} of{" "}
          {report.findings.length} descriptors moved
          {uncovered.length > 0 ? ` · ${uncovered.length} topic(s) the tests do not cover` : ""}
        </span>
      </div>
      {drifted.length > 0 ? (
        <section className="drift-section">
          <h2>What moved</h2>
          <HistogramLegend />
          <div className="drift-grid">
            {drifted.map((f) => (
              <div className="card drift-card" key={`${f.side}-${f.descriptor}`} data-testid="drift-moved">
                <h3>
                  {f.side} · {f.descriptor}{" "}
                  <span className="muted small">
                    {f.test} p {num(f.statistic)} (threshold {num(f.threshold)})
                    {f.effect !== undefined ? ` · ${effectText(f)}` : ""} · PSI {num(f.psi)}
                  </span>
                </h3>
                <DescriptorHistogram finding={f} />
                {f.examples && f.examples.length > 0 ? (
                  <ul className="drift-examples">
                    {f.examples.slice(0, 3).map((e) => (
                      <li key={e}>{e.length > 140 ? `${e.slice(0, 140)}…` : e}</li>
                    ))}
                  </ul>
                ) : null}
              </div>
            ))}
          </div>
        </section>
      ) : null}
      {report.semantic ? (
        <section className="drift-section">
          <h2>Topics</h2>
          <p className="muted small">
            {report.semantic.embedder} · {report.semantic.baselineSample} + {report.semantic.currentSample}{" "}
            sampled · domain classifier ROC AUC {report.semantic.domainClassifierAuc.toFixed(3)} (threshold{" "}
            {report.semantic.aucThreshold.toFixed(3)}) · centroid distance{" "}
            {num(report.semantic.centroidDistance)} (threshold {num(report.semantic.centroidThreshold)})
          </p>
          <ClusterMap semantic={report.semantic} clusters={report.clusters} />
          {uncovered.length > 0 ? (
            <>
              <h3>Topics your tests do not cover</h3>
              <div className="drift-grid">
                {uncovered.map((c) => (
                  <div className="card drift-card" key={c.id} data-testid="drift-uncovered">
                    <h3>
                      {c.terms.join(", ")}{" "}
                      <span className="muted small">
                        {formatPercent(c.share)} of production · ratio {c.driftRatio.toFixed(2)}
                      </span>
                    </h3>
                    <ul className="drift-examples">
                      {c.examples.slice(0, 4).map((e) => (
                        <li key={e}>{e}</li>
                      ))}
                    </ul>
                  </div>
                ))}
              </div>
            </>
          ) : null}
        </section>
      ) : null}
      <section className="drift-section">
        <h2>All descriptors</h2>
        <table className="drift-table" data-testid="drift-findings">
          <thead>
            <tr>
              <th>side</th>
              <th>descriptor</th>
              <th>test</th>
              <th className="num">statistic</th>
              <th className="num">threshold</th>
              <th className="num">effect</th>
              <th className="num">PSI</th>
              <th>move</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {findings.map((f) => (
              <tr key={`${f.side}-${f.descriptor}`} className={f.drifted ? "drifted" : ""}>
                <td>{f.side}</td>
                <td>{f.descriptor}</td>
                <td>{f.test}</td>
                <td className="num">{num(f.statistic)}</td>
                <td className="num">{num(f.threshold)}</td>
                <td className="num">{effectText(f)}</td>
                <td className="num">{num(f.psi)}</td>
                <td>
                  {f.move.kind === "numeric"
                    ? `${f.move.direction}: mean ${num(f.move.baselineMean)} → ${num(f.move.currentMean)}`
                    : `${f.move.direction}: ${f.move.category} ${formatPercent(f.move.baselineShare)} → ${formatPercent(f.move.currentShare)}`}
                </td>
                <td>{f.drifted ? <span className="drift-flag">drift</span> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {report.skipped && report.skipped.length > 0 ? (
          <>
            <h3>Skipped: do not apply</h3>
            <ul className="drift-skipped" data-testid="drift-skipped">
              {report.skipped.map((s) => (
                <li key={`${s.side}-${s.descriptor}`}>
                  {s.side} · {s.descriptor} <span className="muted">— {s.reason}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </div>
  );
}
