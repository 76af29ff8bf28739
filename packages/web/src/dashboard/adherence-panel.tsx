/**
 * Structured-output adherence per route (from `GET /api/v1/stats/adherence`): the share of
 * `generateObject` generations valid on the first try, valid after re-asks, and failed.
 * Hidden while the range has none.
 */
import type { Adherence, AdherenceRow } from "@genchi/spec";
import { Link } from "wouter";
import { useApi } from "../api/use-api.js";
import { useAuth } from "../auth/auth-context.js";
import { formatCount } from "../lib/format.js";
import { callsHref } from "../lib/use-query-params.js";

const judged = (r: AdherenceRow) => r.firstTry + r.afterRetries + r.failed;
const percent = (n: number | null) => (n === null ? "–" : `${Math.round(n * 1000) / 10}%`);

export function AdherencePanel({ range }: { range: { since: string; until: string } }) {
  const { client } = useAuth();
  const loaded = useApi<Adherence>(
    (signal) => client.stats.adherence({ query: range, signal }),
    `adherence:${range.since}:${range.until}`,
  );
  if (loaded.state !== "ok" || judged(loaded.data.total) === 0) return null;
  const rows = loaded.data.routes.filter((r) => judged(r) > 0);
  const segment = (count: number, total: number, className: string) => (
    <span className={`bar ${className}`} style={{ width: `${(100 * count) / Math.max(1, total)}%` }} />
  );
  return (
    <section className="card chart-card chart-card-wide" data-testid="adherence-panel">
      <header className="chart-head">
        <h2>Structured output adherence</h2>
        <span className="muted small">
          {percent(loaded.data.total.rate)} valid · {percent(loaded.data.total.firstTryRate)} on the first try
        </span>
      </header>
      <div className="bars">
        <div className="bars-col">
          {rows.map((r) => (
            <Link
              key={r.route ?? ""}
              className="bar-row adherence-row"
              href={callsHref({ ...range, ...(r.route ? { route: r.route } : {}), tag: "genchi:structured" })}
              title={`first try ${r.firstTry} · after retries ${r.afterRetries} · failed ${r.failed}`}
            >
              <span className="bar-name">{r.route ?? "(no route)"}</span>
              <span className="bar-track" style={{ display: "flex" }}>
                {segment(r.firstTry, judged(r), "bar-strong_positive")}
                {segment(r.afterRetries, judged(r), "bar-positive")}
                {segment(r.failed, judged(r), "bar-strong_negative")}
              </span>
              <span className="bar-count" data-testid="adherence-rate">
                {percent(r.rate)} of {formatCount(judged(r))}
              </span>
            </Link>
          ))}
        </div>
      </div>
    </section>
  );
}
