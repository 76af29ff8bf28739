/**
 * The cluster map: every sampled text at its 2-D projection, coloured by cluster; baseline
 * texts hollow, current texts filled. Clusters production has and the tests lack stand out.
 */
import type { DriftCluster, SemanticDrift } from "@genchi/spec";
import { colorAt } from "../ui/colors.js";

export function ClusterMap({ semantic, clusters }: { semantic: SemanticDrift; clusters: DriftCluster[] }) {
  const width = 640;
  const height = 400;
  const pad = 12;
  const xs = semantic.points.map((p) => p.x);
  const ys = semantic.points.map((p) => p.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const sx = (x: number) => pad + ((x - minX) / Math.max(1e-9, maxX - minX)) * (width - 2 * pad);
  const sy = (y: number) => pad + ((y - minY) / Math.max(1e-9, maxY - minY)) * (height - 2 * pad);
  const uncovered = new Set(clusters.filter((c) => c.uncovered).map((c) => c.id));
  return (
    <div>
      <svg
        className="drift-map"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label="cluster map"
        data-testid="drift-cluster-map"
      >
        {semantic.points.map((p, i) => (
          <circle
            // biome-ignore lint/suspicious/noArrayIndexKey: points have no id; their order is fixed.
            key={i}
            cx={sx(p.x)}
            cy={sy(p.y)}
            r={uncovered.has(p.cluster) ? 3.2 : 2.4}
            fill={p.side === "current" ? colorAt(p.cluster) : "none"}
            stroke={colorAt(p.cluster)}
            strokeWidth={1}
            opacity={0.75}
          />
        ))}
      </svg>
      <div className="drift-legend">
        <span>○ baseline · ● current</span>
        {clusters.map((c) => (
          <span key={c.id}>
            <span className="drift-swatch" style={{ background: colorAt(c.id) }} />
            {c.id}: {c.terms.slice(0, 2).join(", ")}
          </span>
        ))}
      </div>
    </div>
  );
}
