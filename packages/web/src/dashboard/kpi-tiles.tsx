/** The totals of the dashboard's range as tiles: calls, errors, latency, tokens, cost, feedback. */
import type { FeedbackSummary, StatsTotals } from "@genchi/spec";
import { Link } from "wouter";
import { formatCount, formatMs, formatPercent, formatUsd } from "../lib/format.js";
import { callsHref } from "../lib/use-query-params.js";

interface Tile {
  id: string;
  label: string;
  value: number | null;
  text: string;
  sub?: string;
  /** Extra call-list filters the tile opens (besides the range). */
  filters?: Record<string, string>;
}

interface KpiTilesProps {
  totals: StatsTotals;
  feedback: FeedbackSummary | null;
  range: { since: string; until: string };
}

export function KpiTiles({ totals, feedback, range }: KpiTilesProps) {
  const negative = feedback
    ? feedback.byLabel
        .filter((l) => l.label === "negative" || l.label === "strong_negative")
        .reduce((sum, l) => sum + l.count, 0)
    : null;
  const tiles: Tile[] = [
    { id: "calls", label: "Calls", value: totals.calls, text: formatCount(totals.calls) },
    {
      id: "errors",
      label: "Errors",
      value: totals.errors,
      text: formatCount(totals.errors),
      sub: `${formatPercent(totals.errorRate)} of calls`,
      filters: { status: "error" },
    },
    {
      id: "latency-p50",
      label: "Latency p50",
      value: totals.latencyP50Ms,
      text: formatMs(totals.latencyP50Ms),
    },
    {
      id: "latency-p95",
      label: "Latency p95",
      value: totals.latencyP95Ms,
      text: formatMs(totals.latencyP95Ms),
    },
    {
      id: "input-tokens",
      label: "Input tokens",
      value: totals.inputTokens,
      text: formatCount(totals.inputTokens),
    },
    {
      id: "output-tokens",
      label: "Output tokens",
      value: totals.outputTokens,
      text: formatCount(totals.outputTokens),
    },
    { id: "cost", label: "Cost", value: totals.costUsd, text: formatUsd(totals.costUsd) },
  ];
  if (feedback) {
    tiles.push({
      id: "feedback",
      label: "Feedback",
      value: feedback.total,
      text: formatCount(feedback.total),
      sub: feedback.total ? `${formatPercent((negative ?? 0) / feedback.total)} negative` : "none yet",
      filters: { label: "negative" },
    });
  }
  return (
    <div className="kpis">
      {tiles.map((tile) => (
        <Link
          key={tile.id}
          href={callsHref({ ...range, ...tile.filters })}
          className="kpi card"
          data-testid={`kpi-${tile.id}`}
          data-value={tile.value ?? ""}
        >
          <div className="kpi-label">{tile.label}</div>
          <div className="kpi-value">{tile.text}</div>
          {tile.sub ? <div className="kpi-sub">{tile.sub}</div> : null}
        </Link>
      ))}
    </div>
  );
}
