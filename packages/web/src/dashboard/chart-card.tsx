/** One dashboard chart with its title, a link to the matching calls, and a legend of links. */
import { Link, useLocation } from "wouter";
import { callsHref } from "../lib/use-query-params.js";
import { type ChartLine, TimeChart } from "./time-chart.js";

export interface LegendEntry {
  label: string;
  color: string;
  dashed?: boolean;
  /** Where clicking the entry goes (the calls of that series), if anywhere. */
  href?: string;
}

interface ChartCardProps {
  id: string;
  title: string;
  xs: number[];
  lines: ChartLine[];
  legend: LegendEntry[];
  formatY: (value: number) => string;
  /** Counts: whole-number ticks. */
  integer?: boolean;
  /** Filters of the whole chart's call list. */
  filters: Record<string, string | null | undefined>;
  /** Filters for a clicked bucket and line. */
  pickFilters: (bucketIndex: number, lineIndex: number | null) => Record<string, string | null | undefined>;
}

/** True when no line has a value other than null or zero: nothing to draw. */
export function isEmptyChart(lines: readonly ChartLine[]): boolean {
  return lines.every((line) => line.values.every((v) => v === null || v === 0));
}

export function ChartCard({
  id,
  title,
  xs,
  lines,
  legend,
  formatY,
  integer = false,
  filters,
  pickFilters,
}: ChartCardProps) {
  const [, navigate] = useLocation();
  const empty = isEmptyChart(lines);
  return (
    <section className="card chart-card" data-testid={`chart-${id}`}>
      <header className="chart-head">
        <h2>{title}</h2>
        <Link className="small" href={callsHref(filters)}>
          View calls →
        </Link>
      </header>
      {empty ? (
        <div className="chart chart-empty muted small" data-testid={`plot-${id}`} data-empty="true">
          No data in this range
        </div>
      ) : (
        <TimeChart
          xs={xs}
          lines={lines}
          formatY={formatY}
          integer={integer}
          testId={`plot-${id}`}
          onPick={(bucket, line) => navigate(callsHref(pickFilters(bucket, line)))}
        />
      )}
      <ul className="legend">
        {legend.map((entry) => (
          <li key={entry.label}>
            <span
              className={entry.dashed ? "swatch swatch-dashed" : "swatch"}
              style={{ borderColor: entry.color, background: entry.dashed ? "transparent" : entry.color }}
            />
            {entry.href ? <Link href={entry.href}>{entry.label}</Link> : <span>{entry.label}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
