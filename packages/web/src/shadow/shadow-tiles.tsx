/** The shadow report's summary as tiles: pairs, agreement, JSON validity, latency, cost and suite deltas. */
import type { ShadowReport } from "@genchi/spec";
import { formatCount, formatMs, formatPercent, formatUsd } from "../lib/format.js";

interface Tile {
  id: string;
  label: string;
  text: string;
  sub: string;
  tone?: "good" | "bad";
}

const signed = (x: number, format: (v: number) => string) =>
  `${x > 0 ? "+" : x < 0 ? "−" : "±"}${format(Math.abs(x))}`;

/**
 * @example <ShadowTiles report={report} />
 */
export function ShadowTiles({ report }: { report: ShadowReport }) {
  const s = report.summary;
  const latencyDelta =
    s.p50CandidateLatencyMs !== null && s.p50PrimaryLatencyMs !== null
      ? s.p50CandidateLatencyMs - s.p50PrimaryLatencyMs
      : null;
  const costDelta = s.totalCandidateCostUsd - s.totalPrimaryCostUsd;
  const tiles: Tile[] = [
    {
      id: "pairs",
      label: "Pairs",
      text: formatCount(s.pairs),
      sub: `${formatCount(s.candidateErrors)} candidate errors`,
    },
    {
      id: "exact",
      label: "Exact match",
      text: formatPercent(s.exactMatchRate),
      sub: "same output, byte for byte",
    },
    {
      id: "similarity",
      label: "Mean similarity",
      text: s.meanSimilarity === null ? "–" : s.meanSimilarity.toFixed(2),
      sub: "1 − normalised edit distance",
    },
    {
      id: "json",
      label: "JSON valid",
      text: `${formatPercent(s.primaryJsonValidRate)} → ${formatPercent(s.candidateJsonValidRate)}`,
      sub: "primary → candidate",
      ...((s.candidateJsonValidRate ?? 0) < (s.primaryJsonValidRate ?? 0) ? { tone: "bad" as const } : {}),
    },
    {
      id: "latency",
      label: "Latency p50",
      text: latencyDelta === null ? "–" : signed(latencyDelta, formatMs),
      sub: `${formatMs(s.p50PrimaryLatencyMs)} → ${formatMs(s.p50CandidateLatencyMs)}`,
      ...(latencyDelta === null ? {} : { tone: latencyDelta <= 0 ? ("good" as const) : ("bad" as const) }),
    },
    {
      id: "cost",
      label: "Cost",
      text: signed(costDelta, formatUsd),
      sub: `${formatUsd(s.totalPrimaryCostUsd)} → ${formatUsd(s.totalCandidateCostUsd)}`,
      tone: costDelta <= 0 ? "good" : "bad",
    },
  ];
  if (report.suite && report.suite.error === null) {
    const { primaryPassRate: p, candidatePassRate: c } = report.suite;
    tiles.push({
      id: "suite",
      label: "Suite pass",
      text: `${formatPercent(p)} → ${formatPercent(c)}`,
      sub: "every assertion, primary → candidate",
      ...(p !== null && c !== null ? { tone: c >= p ? ("good" as const) : ("bad" as const) } : {}),
    });
  }
  return (
    <div className="kpis">
      {tiles.map((t) => (
        <div
          key={t.id}
          className={`kpi card shadow-tile-${t.tone ?? "plain"}`}
          data-testid={`shadow-tile-${t.id}`}
        >
          <div className="kpi-label">{t.label}</div>
          <div className="kpi-value">{t.text}</div>
          <div className="kpi-sub">{t.sub}</div>
        </div>
      ))}
    </div>
  );
}
