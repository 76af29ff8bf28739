/** The smallest-model table of a run with several providers: quality × latency × cost, the Pareto front, the recommendation. */
import type { EvalRun } from "@genchi/spec";
import { formatCount, formatMs, formatPercent, formatUsd } from "../lib/format.js";

export function ProviderTable({ run }: { run: EvalRun }) {
  const rec = run.recommendation;
  return (
    <section className="card section" data-testid="provider-table">
      <h2>Smallest model that does the job</h2>
      <table className="eval-table">
        <thead>
          <tr>
            <th>Provider</th>
            <th className="num">Results</th>
            <th className="num">Pass rate</th>
            <th className="num">Latency p50</th>
            <th className="num">Latency p95</th>
            <th className="num">Cost / 1,000 calls</th>
            <th>Pareto front</th>
          </tr>
        </thead>
        <tbody>
          {[...run.providerTable]
            .sort((a, b) => b.passRate - a.passRate)
            .map((p) => (
              <tr key={p.provider} className={p.onFront ? "front" : ""} data-provider={p.provider}>
                <td>{p.provider}</td>
                <td className="num">{formatCount(p.tests)}</td>
                <td className="num">{formatPercent(p.passRate)}</td>
                <td className="num">{formatMs(p.latencyP50)}</td>
                <td className="num">{formatMs(p.latencyP95)}</td>
                <td className="num">{formatUsd(p.costPer1k)}</td>
                <td>
                  {p.onFront ? (
                    <span className="badge badge-ok">on the front</span>
                  ) : (
                    <span className="muted">dominated</span>
                  )}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
      {rec ? (
        <div className="eval-recommendation" data-testid="recommendation">
          {rec.type === "recommended" ? (
            <>
              Recommended: <strong>{rec.provider}</strong>, the cheapest within {rec.tolerance} points of the
              best pass rate ({formatPercent(rec.passRate)} vs {formatPercent(rec.bestPassRate)}).
            </>
          ) : (
            <span className="muted">No recommendation: {rec.reason}</span>
          )}
        </div>
      ) : null}
    </section>
  );
}
