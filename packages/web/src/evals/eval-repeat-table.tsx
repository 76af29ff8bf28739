/** Repeat metrics of a run (pass rate, pass^N, pass@N, consistency), flaky tests first. */
import type { EvalRun } from "@genchi/spec";
import { formatCount, formatPercent } from "../lib/format.js";

export function RepeatTable({ run }: { run: EvalRun }) {
  const rows = [...run.repeatMetrics].sort(
    (a, b) => Number(b.flaky) - Number(a.flaky) || a.passRate - b.passRate || a.testIndex - b.testIndex,
  );
  const flaky = rows.filter((r) => r.flaky).length;
  return (
    <section className="card section" data-testid="repeat-table">
      <h2>
        Repeats: {formatCount(flaky)} flaky of {formatCount(rows.length)} tests
      </h2>
      <table className="eval-table">
        <thead>
          <tr>
            <th>Test</th>
            <th>Provider</th>
            <th className="num">Runs</th>
            <th className="num">Pass rate</th>
            <th>pass^N</th>
            <th>pass@N</th>
            <th className="num">Consistency</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, 500).map((r) => (
            <tr key={`${r.testIndex}:${r.provider}:${r.prompt}`} data-flaky={r.flaky}>
              <td>{r.description}</td>
              <td className="small">{r.provider}</td>
              <td className="num">{r.runs}</td>
              <td className="num">{formatPercent(r.passRate)}</td>
              <td>{r.passAll ? "yes" : "no"}</td>
              <td>{r.passAny ? "yes" : "no"}</td>
              <td className="num">{formatPercent(r.consistency)}</td>
              <td>{r.flaky ? <span className="badge badge-warn">flaky</span> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
