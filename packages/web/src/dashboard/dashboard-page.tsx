/**
 * The dashboard: calls, errors, latency p50 and p95 (each on its own axis, so a p95 spike does
 * not flatten p50), tokens and cost over the chosen range, whole or split by route or by model;
 * every chart opens the matching call list.
 */
import type { FeedbackSummary, StatsPoint, StatsTotals, Timeseries } from "@genchi/spec";
import { useMemo } from "react";
import { useApi } from "../api/use-api.js";
import { useAuth } from "../auth/auth-context.js";
import { formatCount, formatMs, formatUsd } from "../lib/format.js";
import { isRangePreset, type RangePreset, rangeOf, rangePresets } from "../lib/time-range.js";
import { callsHref, useQueryParams } from "../lib/use-query-params.js";
import { colorAt } from "../ui/colors.js";
import { ErrorMessage } from "../ui/error-message.js";
import { AdherencePanel } from "./adherence-panel.js";
import { ChartCard, type LegendEntry } from "./chart-card.js";
import { type AlignedTimeseries, alignTimeseries, isFilterableKey, seriesLabel } from "./chart-data.js";
import { FeedbackPanel } from "./feedback-panel.js";
import { FeedbackTrendPanel } from "./feedback-trend-panel.js";
import { KpiTiles } from "./kpi-tiles.js";
import type { ChartLine } from "./time-chart.js";

const splits = ["none", "route", "model"] as const;
type Split = (typeof splits)[number];

const formatCountAxis = (v: number) => formatCount(v);
const formatPercentAxis = (v: number) => `${Number((v * 100).toPrecision(3))}%`;
const formatMsAxis = (v: number) => formatMs(v);
const formatUsdAxis = (v: number) =>
  v !== 0 && Math.abs(v) < 0.01 ? `$${Number(v.toPrecision(2))}` : formatUsd(v);

interface Metric {
  id: string;
  title: string;
  formatY: (v: number) => string;
  /** Lines for the whole range (split "none"). */
  whole: Array<{ label: string; value: (p: StatsPoint | undefined) => number | null; dashed?: boolean }>;
  /** The value per series when split. */
  perSeries: (p: StatsPoint | undefined) => number | null;
  splitTitle?: string;
  extraFilters?: Record<string, string>;
  /** Counts: the y axis ticks whole numbers only. */
  integer?: boolean;
}

const count = (f: (p: StatsPoint) => number) => (p: StatsPoint | undefined) => (p ? f(p) : 0);
const metrics: Metric[] = [
  {
    id: "calls",
    title: "Calls",
    formatY: formatCountAxis,
    integer: true,
    whole: [{ label: "calls", value: count((p) => p.calls) }],
    perSeries: count((p) => p.calls),
  },
  {
    id: "errors",
    title: "Errors",
    formatY: formatCountAxis,
    integer: true,
    whole: [{ label: "errors", value: count((p) => p.errors) }],
    perSeries: count((p) => p.errors),
    extraFilters: { status: "error" },
  },
  {
    id: "error-rate",
    title: "Error rate",
    formatY: formatPercentAxis,
    whole: [{ label: "error rate", value: (p) => (p && p.calls > 0 ? p.errors / p.calls : null) }],
    perSeries: (p) => (p && p.calls > 0 ? p.errors / p.calls : null),
    extraFilters: { status: "error" },
  },
  {
    id: "latency-p50",
    title: "Latency p50",
    formatY: formatMsAxis,
    whole: [{ label: "p50", value: (p) => p?.latencyP50Ms ?? null }],
    perSeries: (p) => p?.latencyP50Ms ?? null,
  },
  {
    id: "latency-p95",
    title: "Latency p95",
    formatY: formatMsAxis,
    whole: [{ label: "p95", value: (p) => p?.latencyP95Ms ?? null }],
    perSeries: (p) => p?.latencyP95Ms ?? null,
  },
  {
    id: "tokens",
    title: "Tokens",
    formatY: formatCountAxis,
    integer: true,
    whole: [
      { label: "input", value: count((p) => p.inputTokens) },
      { label: "output", value: count((p) => p.outputTokens) },
    ],
    perSeries: count((p) => p.inputTokens + p.outputTokens),
  },
  {
    id: "cost",
    title: "Cost (USD)",
    formatY: formatUsdAxis,
    whole: [{ label: "cost", value: count((p) => p.costUsd) }],
    perSeries: count((p) => p.costUsd),
  },
];

export function DashboardPage() {
  const { client } = useAuth();
  const [params, setParams] = useQueryParams();
  const rangeParam = params.get("range");
  const range: RangePreset = isRangePreset(rangeParam) ? rangeParam : "24h";
  const splitParam = params.get("split");
  const split: Split = splits.find((s) => s === splitParam) ?? "none";
  const window = useMemo(() => rangeOf(range), [range]);

  const series = useApi<Timeseries>(
    (signal) => client.stats.timeseries({ query: { ...window, groupBy: split, bucket: "auto" }, signal }),
    `timeseries:${window.since}:${window.until}:${split}`,
  );
  const feedback = useApi<FeedbackSummary>(
    (signal) => client.feedback.summary({ query: window, signal }),
    `feedback:${window.since}:${window.until}`,
  );

  return (
    <div className="page">
      <div className="toolbar">
        <h1>Dashboard</h1>
        <fieldset className="segmented" aria-label="time range">
          {rangePresets.map((preset) => (
            <button
              key={preset}
              type="button"
              className={preset === range ? "active" : ""}
              onClick={() => setParams({ range: preset })}
            >
              {preset}
            </button>
          ))}
        </fieldset>
        <fieldset className="segmented" aria-label="split by">
          {splits.map((s) => (
            <button
              key={s}
              type="button"
              className={s === split ? "active" : ""}
              onClick={() => setParams({ split: s === "none" ? null : s })}
            >
              {s === "none" ? "all" : `by ${s}`}
            </button>
          ))}
        </fieldset>
        {series.state === "loading" ? <span className="muted small">loading…</span> : null}
      </div>
      {series.state === "error" ? <ErrorMessage error={series.error} /> : null}
      {series.state === "ok" || (series.state === "loading" && series.data) ? (
        <DashboardBody
          ts={series.state === "ok" ? series.data : series.data!}
          feedback={feedback.state === "ok" ? feedback.data : null}
          split={split}
        />
      ) : null}
    </div>
  );
}

function DashboardBody({
  ts,
  feedback,
  split,
}: {
  ts: Timeseries;
  feedback: FeedbackSummary | null;
  split: Split;
}) {
  const aligned = useMemo(() => alignTimeseries(ts), [ts]);
  const charts = useMemo(() => metrics.map((m) => chartOf(m, aligned, split)), [aligned, split]);
  const totals: StatsTotals = ts.totals;
  const range = { since: ts.since, until: ts.until };
  const keyFilter = (key: string | null) =>
    split !== "none" && isFilterableKey(key) ? { [split]: key } : {};

  return (
    <>
      <KpiTiles totals={totals} feedback={feedback} range={range} />
      {totals.calls === 0 ? (
        <div className="message">
          No calls in this range. Send some with the SDK, the gateway or OTLP, or pick a longer range.
        </div>
      ) : null}
      <div className="charts">
        {metrics.map((metric, i) => {
          const chart = charts[i]!;
          return (
            <ChartCard
              key={metric.id}
              id={metric.id}
              title={split !== "none" && metric.splitTitle ? metric.splitTitle : metric.title}
              xs={aligned.xs}
              lines={chart.lines}
              legend={chart.legend.map((entry, j) => {
                const key = split === "none" ? null : (aligned.series[j]?.key ?? null);
                return split !== "none" && isFilterableKey(key)
                  ? { ...entry, href: callsHref({ ...range, ...metric.extraFilters, ...keyFilter(key) }) }
                  : entry;
              })}
              formatY={metric.formatY}
              integer={metric.integer === true}
              filters={{ ...range, ...metric.extraFilters }}
              pickFilters={(bucket, line) => {
                const start = aligned.times[bucket] ?? Date.parse(ts.since);
                const key = split !== "none" && line !== null ? (aligned.series[line]?.key ?? null) : null;
                return {
                  since: new Date(start).toISOString(),
                  until: new Date(start + ts.bucketMs).toISOString(),
                  ...metric.extraFilters,
                  ...keyFilter(key),
                };
              }}
            />
          );
        })}
        {feedback && feedback.total > 0 ? <FeedbackPanel summary={feedback} range={range} /> : null}
        {feedback && feedback.total > 0 ? <FeedbackTrendPanel range={range} /> : null}
        <AdherencePanel range={range} />
      </div>
    </>
  );
}

function chartOf(
  metric: Metric,
  aligned: AlignedTimeseries,
  split: Split,
): { lines: ChartLine[]; legend: LegendEntry[] } {
  if (split === "none") {
    const points = aligned.series[0]?.points ?? [];
    const lines = metric.whole.map((w, i) => ({
      label: w.label,
      color: colorAt(i),
      values: aligned.times.map((_, j) => w.value(points[j])),
      ...(w.dashed ? { dashed: true } : {}),
    }));
    return {
      lines,
      legend: lines.map((l) => ({ label: l.label, color: l.color, ...(l.dashed ? { dashed: true } : {}) })),
    };
  }
  const lines = aligned.series.map((s, i) => ({
    label: seriesLabel(s.key),
    color: colorAt(i),
    values: s.points.map((p) => metric.perSeries(p)),
  }));
  return { lines, legend: lines.map((l) => ({ label: l.label, color: l.color })) };
}
