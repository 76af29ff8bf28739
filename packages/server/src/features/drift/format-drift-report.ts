/**
 * The terminal summary of a DriftReport: drifted descriptors first (adjusted p-value, effect and
 * its floor), the descriptors skipped as not applying and why, then semantic drift and
 * uncovered topics.
 */
import { driftDefaults } from "@genchi/core/drift";
import { table } from "@genchi/eval";
import type { DriftFinding, DriftReport, DriftSkip } from "@genchi/spec";

const num = (x: number) =>
  !Number.isFinite(x)
    ? String(x)
    : Math.abs(x) >= 100
      ? x.toFixed(0)
      : Math.abs(x) >= 1
        ? x.toFixed(2)
        : x.toPrecision(2);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function moveText(f: DriftFinding): string {
  const m = f.move;
  if (m.kind === "numeric") return `${m.direction}: mean ${num(m.baselineMean)} → ${num(m.currentMean)}`;
  return `${m.direction}: ${m.category.slice(0, 30)} ${pct(m.baselineShare)} → ${pct(m.currentShare)}`;
}

function quote(text: string): string {
  const flat = text.replace(/\s+/g, " ");
  return `"${flat.length > 100 ? `${flat.slice(0, 100)}…` : flat}"`;
}

const effectNames = { ks_d: "D", cohens_h: "h" } as const;

/** "h 0.93 ≥ 0.2" / "D 0.04 < 0.1"; older reports have no effect. */
function effectText(f: DriftFinding): string {
  if (f.effect === undefined || f.minEffect === undefined) return "";
  const name = f.effectSize ? effectNames[f.effectSize] : "effect";
  return `${name} ${num(f.effect)} ${f.effect >= f.minEffect ? "≥" : "<"} ${f.minEffect}`;
}

/** Skipped descriptors grouped by side and reason: one line each. */
function skippedLines(skipped: readonly DriftSkip[]): string[] {
  const groups = new Map<string, string[]>();
  for (const s of skipped) {
    const key = `${s.side}\u0000${s.reason}`;
    groups.set(key, [...(groups.get(key) ?? []), s.descriptor]);
  }
  return [...groups].map(([key, names]) => {
    const [side, reason] = key.split("\u0000") as [string, string];
    return `  ${side} ${names.join(", ")}: ${reason}`;
  });
}

/**
 * @example process.stdout.write(formatDriftReport(report))
 */
export function formatDriftReport(report: DriftReport): string {
  const drifted = report.findings.filter((f) => f.drifted);
  const c = report.correction;
  const lines = [
    `baseline ${report.baselineCount} calls, current ${report.currentCount} calls: ${
      report.drifted ? "DRIFT FOUND" : "no drift found"
    } (${drifted.length} of ${report.findings.length} descriptors moved)`,
    ...(c
      ? [
          `drift = p < ${c.alpha}${c.method === "holm" ? ` (Holm-adjusted over ${c.tests} tests)` : ""} and an effect at its floor (KS D ≥ ${driftDefaults.minEffect.ks}, Cohen's h ≥ ${driftDefaults.minEffect.proportion})`,
        ]
      : []),
    "",
    table([
      [
        "side",
        "descriptor",
        "test",
        c?.method === "holm" ? "p (adj.)" : "statistic",
        "threshold",
        "effect",
        "psi",
        "move",
        "",
      ],
      ...[...report.findings]
        .sort((a, b) => Number(b.drifted) - Number(a.drifted))
        .map((f) => [
          f.side,
          f.descriptor,
          f.test,
          num(f.statistic),
          num(f.threshold),
          effectText(f),
          num(f.psi),
          moveText(f),
          f.drifted ? "DRIFT" : "",
        ]),
    ]),
  ];
  const skipped = report.skipped ?? [];
  if (skipped.length > 0)
    lines.push("", `skipped (${skipped.length}, do not apply):`, ...skippedLines(skipped));
  for (const f of drifted) {
    if (!f.examples || f.examples.length === 0) continue;
    lines.push("", `${f.side} ${f.descriptor}, e.g.:`);
    for (const e of f.examples.slice(0, 3)) lines.push(`  ${quote(e)}`);
  }
  const s = report.semantic;
  if (s) {
    lines.push(
      "",
      `semantic drift (${s.side}, ${s.embedder}, ${s.baselineSample} + ${s.currentSample} sampled): ${s.drifted ? "DRIFT" : "none"}`,
      `  domain classifier ROC AUC ${s.domainClassifierAuc.toFixed(3)} (drift above ${s.aucThreshold})`,
      `  centroid distance ${num(s.centroidDistance)} (bootstrap threshold ${num(s.centroidThreshold)}${s.centroidDrifted ? ": above" : ""})`,
      `  ${s.clusterCount} clusters (silhouette ${s.silhouette.toFixed(2)})`,
    );
    const uncovered = report.clusters.filter((c) => c.uncovered);
    if (uncovered.length > 0) {
      lines.push("", "topics your tests do not cover:");
      for (const c of uncovered) {
        lines.push(
          `  cluster ${c.id}: ${pct(c.share)} of production, drift ratio ${c.driftRatio.toFixed(2)}, terms: ${c.terms.join(", ")}`,
        );
        for (const e of c.examples.slice(0, 3)) lines.push(`    ${quote(e)}`);
      }
    }
  }
  return `${lines.join("\n")}\n`;
}
