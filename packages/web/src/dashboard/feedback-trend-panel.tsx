/**
 * Feedback labels over time (from `GET /api/v1/feedback/timeseries`): one line per derived label,
 * optionally for one route, and the label mix of each route over the range. Hidden while the range
 * has no labelled feedback.
 */
import type { FeedbackTimeseries } from "@genchi/spec";
import { useState } from "react";
import { Link } from "wouter";
import { useApi } from "../api/use-api.js";
import { useAuth } from "../auth/auth-context.js";
import { formatCount } from "../lib/format.js";
import { callsHref } from "../lib/use-query-params.js";
import { TimeChart } from "./time-chart.js";

/** The label colours of the feedback bars (app.css `.bar-<label>`). */
const labelColors: Record<string, string> = {
  strong_positive: "#2f9e44",
  positive: "#8ce99a",
  negative: "#ffa8a8",
  strong_negative: "#e03131",
};

export function FeedbackTrendPanel({ range }: { range: { since: string; until: string } }) {
  const { client } = useAuth();
  const [route, setRoute] = useState<string | null>(null);
  const loaded = useApi<FeedbackTimeseries>(
    (signal) =>
      client.feedback.timeseries({
        query: { ...range, bucket: "auto", ...(route !== null ? { route } : {}) },
        signal,
      }),
    `feedback-trend:${range.since}:${range.until}:${route ?? ""}`,
  );
  const data = loaded.state === "ok" ? loaded.data : loaded.state === "loading" ? loaded.data : undefined;
  if (!data || (route === null && data.routes.length === 0)) return null;
  const lines = data.labels.map((l) => ({
    label: l.label.replace("_", " "),
    color: labelColors[l.label] ?? "#868e96",
    values: l.counts,
  }));
  return (
    <section className="card chart-card chart-card-wide" data-testid="feedback-trend-panel">
      <header className="chart-head">
        <h2>Feedback labels over time</h2>
        <select
          aria-label="feedback route"
          value={route ?? ""}
          onChange={(e) => setRoute(e.target.value === "" ? null : e.target.value)}
        >
          <option value="">all routes</option>
          {data.routes
            .filter((r) => r.route !== null)
            .map((r) => (
              <option key={r.route} value={r.route ?? ""}>
                {r.route}
              </option>
            ))}
        </select>
      </header>
      <TimeChart
        xs={data.times.map((t) => t / 1000)}
        lines={lines}
        formatY={(v) => formatCount(v)}
        height={160}
        testId="feedback-trend-chart"
      />
      <ul className="legend">
        {lines.map((l) => (
          <li key={l.label}>
            <span className="swatch" style={{ borderColor: l.color, background: l.color }} />
            <span>{l.label}</span>
          </li>
        ))}
      </ul>
      <table className="trend-table" data-testid="feedback-by-route">
        <thead>
          <tr>
            <th>Route</th>
            <th className="num">Signals</th>
            {data.labels.map((l) => (
              <th key={l.label} className="num">
                {l.label.replace("_", " ")}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.routes.map((r) => (
            <tr key={r.route ?? "(none)"}>
              <td>
                {r.route === null ? (
                  <span className="muted">(call not stored)</span>
                ) : (
                  <Link href={callsHref({ ...range, route: r.route })}>{r.route}</Link>
                )}
              </td>
              <td className="num">{formatCount(r.total)}</td>
              {r.byLabel.map((b) => (
                <td key={b.label} className="num">
                  {r.total > 0 ? `${Math.round((1000 * b.count) / r.total) / 10}%` : "–"}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
