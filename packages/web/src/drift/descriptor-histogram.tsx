/**
 * A descriptor's distribution, baseline and current side by side: the Sturges bins of a
 * numeric descriptor, or the shares of a categorical one (top categories).
 */
import type { DriftFinding } from "@genchi/spec";

const baselineColor = "#868e96";
const currentColor = "#3b5bdb";

interface Bar {
  label: string;
  baseline: number;
  current: number;
}

function barsOf(finding: DriftFinding): Bar[] {
  if (finding.histogram) {
    const { edges, baseline, current } = finding.histogram;
    const short = (x: number) =>
      Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(1) : x.toFixed(2);
    return baseline.map((b, i) => ({ label: short(edges[i] ?? 0), baseline: b, current: current[i] ?? 0 }));
  }
  if (finding.move.kind === "categorical") {
    const { baselineShares, currentShares } = finding.move;
    const keys = [...new Set([...Object.keys(baselineShares), ...Object.keys(currentShares)])];
    return keys
      .map((k) => ({ label: k, baseline: baselineShares[k] ?? 0, current: currentShares[k] ?? 0 }))
      .sort((a, b) => Math.max(b.baseline, b.current) - Math.max(a.baseline, a.current))
      .slice(0, 8);
  }
  return [];
}

export function DescriptorHistogram({ finding }: { finding: DriftFinding }) {
  const bars = barsOf(finding);
  const categorical = !finding.histogram;
  const width = 280;
  const height = categorical ? bars.length * 22 + 4 : 90;
  const max = Math.max(0.0001, ...bars.flatMap((b) => [b.baseline, b.current]));
  if (categorical)
    return (
      <svg width={width} height={height} role="img" aria-label={`${finding.descriptor} shares`}>
        {bars.map((b, i) => (
          <g key={b.label} transform={`translate(0, ${i * 22})`}>
            <text x={0} y={13} fontSize={11} fill="currentColor">
              {b.label.length > 16 ? `${b.label.slice(0, 15)}…` : b.label}
            </text>
            <rect x={110} y={2} height={7} width={(b.baseline / max) * 160} fill={baselineColor} />
            <rect x={110} y={10} height={7} width={(b.current / max) * 160} fill={currentColor} />
          </g>
        ))}
      </svg>
    );
  const slot = width / Math.max(1, bars.length);
  return (
    <svg width={width} height={height + 14} role="img" aria-label={`${finding.descriptor} histogram`}>
      {bars.map((b, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: bins are positional; rounded edge labels can repeat.
        <g key={i} transform={`translate(${i * slot}, 0)`}>
          <rect
            x={1}
            y={height - (b.baseline / max) * height}
            width={slot / 2 - 1}
            height={(b.baseline / max) * height}
            fill={baselineColor}
          />
          <rect
            x={slot / 2}
            y={height - (b.current / max) * height}
            width={slot / 2 - 1}
            height={(b.current / max) * height}
            fill={currentColor}
          />
        </g>
      ))}
      <text x={0} y={height + 12} fontSize={10} fill="currentColor">
        {bars[0]?.label}
      </text>
      <text x={width} y={height + 12} fontSize={10} fill="currentColor" textAnchor="end">
        {finding.histogram?.edges[finding.histogram.edges.length - 1]?.toFixed(2)}
      </text>
    </svg>
  );
}

export function HistogramLegend() {
  return (
    <div className="drift-legend">
      <span>
        <span className="drift-swatch" style={{ background: baselineColor }} />
        baseline (tests)
      </span>
      <span>
        <span className="drift-swatch" style={{ background: currentColor }} />
        current (production)
      </span>
    </div>
  );
}
