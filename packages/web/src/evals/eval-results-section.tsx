/** A run's results page by page (all of them, or only failures with why they failed). */
import type { EvalRun, StoredEvalResult } from "@genchi/spec";
import { useAuth } from "../auth/auth-context.js";
import { formatCount, formatMs } from "../lib/format.js";
import { ErrorMessage } from "../ui/error-message.js";
import { evalResults } from "./evals-api.js";
import { usePaged } from "./use-paged.js";

function failedReasons(r: StoredEvalResult): string {
  if (r.error) return r.error;
  return (r.assertions ?? [])
    .filter((a) => !a.pass)
    .map((a) => `${a.type}: ${a.reason}`)
    .join("; ");
}

export function ResultsSection({
  run,
  failedOnly,
  title,
  empty,
}: {
  run: EvalRun;
  failedOnly: boolean;
  title: string;
  empty: string;
}) {
  const { client } = useAuth();
  const results = usePaged<StoredEvalResult>(
    (cursor, signal) =>
      evalResults(
        client,
        run.id,
        { limit: 100, cursor, failedOnly: failedOnly ? "true" : undefined },
        signal,
      ),
    `eval-results:${run.id}:${failedOnly}`,
  );
  const count = failedOnly ? run.stats.failed + run.stats.errors : null;
  return (
    <section className="card section" data-testid={failedOnly ? "eval-failures" : "eval-results"}>
      <h2>
        {title}
        {count !== null ? ` (${formatCount(count)})` : ""}
      </h2>
      {results.error ? <ErrorMessage error={results.error} title="Cannot load results" /> : null}
      <table className="eval-table">
        <thead>
          <tr>
            <th>Test</th>
            <th>Provider</th>
            <th>Result</th>
            <th className="num">Latency</th>
            <th>Output</th>
            {failedOnly ? <th>Why</th> : null}
          </tr>
        </thead>
        <tbody>
          {results.items.map((r) => (
            <tr key={r.index} data-pass={r.pass}>
              <td>
                {r.description}
                {r.repeat ? <span className="muted small"> #{r.repeat + 1}</span> : null}
              </td>
              <td className="small">{r.provider}</td>
              <td>
                {r.error ? (
                  <span className="badge badge-error">error</span>
                ) : r.pass ? (
                  <span className="badge badge-ok">pass</span>
                ) : (
                  <span className="badge badge-error">fail</span>
                )}
              </td>
              <td className="num">{formatMs(r.latencyMs)}</td>
              <td>
                <pre className="eval-output">{r.output ?? ""}</pre>
              </td>
              {failedOnly ? <td className="small">{failedReasons(r)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
      {results.items.length === 0 && !results.loading ? <div className="muted">{empty}</div> : null}
      {results.loading ? <div className="muted">Loading…</div> : null}
      {results.hasMore && !results.loading ? (
        <button type="button" className="eval-more" onClick={results.loadMore}>
          Load more
        </button>
      ) : null}
    </section>
  );
}
