/** Feedback in the range as bars: per derived label (each opens its calls) and per kind. */
import type { FeedbackSummary } from "@genchi/spec";
import { Link } from "wouter";
import { formatCount } from "../lib/format.js";
import { callsHref } from "../lib/use-query-params.js";

const labelOrder = ["strong_positive", "positive", "negative", "strong_negative"] as const;

interface FeedbackPanelProps {
  summary: FeedbackSummary;
  range: { since: string; until: string };
}

export function FeedbackPanel({ summary, range }: FeedbackPanelProps) {
  const byLabel = labelOrder.map((label) => ({
    label,
    count: summary.byLabel.find((l) => l.label === label)?.count ?? 0,
  }));
  const byKind = [...summary.byKind].sort((a, b) => b.count - a.count);
  const max = Math.max(1, ...byLabel.map((l) => l.count), ...byKind.map((k) => k.count));
  const bar = (count: number, className: string) => (
    <span className="bar-track">
      <span className={`bar ${className}`} style={{ width: `${(100 * count) / max}%` }} />
    </span>
  );
  return (
    <section className="card chart-card chart-card-wide" data-testid="feedback-panel">
      <header className="chart-head">
        <h2>Feedback</h2>
        <span className="muted small">{formatCount(summary.total)} signals</span>
      </header>
      <div className="bars">
        <div className="bars-col">
          {byLabel.map(({ label, count }) => (
            <Link key={label} className="bar-row" href={callsHref({ ...range, label })}>
              <span className="bar-name">{label.replace("_", " ")}</span>
              {bar(count, `bar-${label}`)}
              <span className="bar-count">{formatCount(count)}</span>
            </Link>
          ))}
        </div>
        <div className="bars-col">
          {byKind.map(({ kind, count }) => (
            <div key={kind} className="bar-row">
              <span className="bar-name">{kind.replace("_", " ")}</span>
              {bar(count, "bar-kind")}
              <span className="bar-count">{formatCount(count)}</span>
            </div>
          ))}
        </div>
      </div>
    </section>
  );
}
