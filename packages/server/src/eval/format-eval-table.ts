/** The terminal summary of a run: stats, per-provider table, flaky tests, recommendation. */
import type { Recommendation } from "@genchi/core/eval";
import type { EvalAggregate } from "./eval-aggregate.js";
import type { HttpCounts } from "./http-client.js";

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * A plain-text table, columns padded.
 *
 * @example table([["a", "b"], ["1", "22"]])
 */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/**
 * The summary printed after a run.
 *
 * @example process.stdout.write(formatEvalTable(aggregate, recommendation))
 */
export function formatEvalTable(
  aggregate: EvalAggregate,
  recommendation: Recommendation | null,
  counts?: HttpCounts,
): string {
  const { passed, failed, errors } = aggregate.stats;
  const lines: string[] = [];
  const providers = aggregate.providers();
  lines.push(
    table([
      ["provider", "results", "pass rate", "p50 ms", "p95 ms", "$/1k calls", "pareto"],
      ...providers.map((p) => [
        p.provider,
        String(p.tests),
        pct(p.passRate),
        p.latencyP50 === null ? "-" : String(p.latencyP50),
        p.latencyP95 === null ? "-" : String(p.latencyP95),
        p.costPer1k === null ? "-" : p.costPer1k.toFixed(4),
        p.onFront ? "*" : "",
      ]),
    ]),
  );
  const repeats = aggregate.repeats();
  if (repeats.length > 0) {
    const flaky = repeats.filter((r) => r.flaky);
    lines.push("", `repeats: ${repeats.length} test×provider groups, ${flaky.length} flaky`);
    lines.push(
      table([
        ["test", "provider", "pass rate", "pass^N", "pass@N", "consistency", "flaky"],
        ...repeats
          .slice(0, 20)
          .map((r) => [
            r.description.slice(0, 50),
            r.provider,
            pct(r.passRate),
            r.passAll ? "yes" : "no",
            r.passAny ? "yes" : "no",
            r.consistency.toFixed(2),
            r.flaky ? "FLAKY" : "",
          ]),
      ]),
    );
  }
  if (recommendation?.type === "recommended" && providers.length > 1) {
    lines.push(
      "",
      `recommended: ${recommendation.provider} (pass rate ${pct(recommendation.passRate)}, best ${pct(recommendation.bestPassRate)}, tolerance ${recommendation.tolerance} points)`,
    );
  }
  lines.push("", `passed ${passed}, failed ${failed}, errors ${errors}`);
  if (counts) lines.push(`${counts.upstreamCalls} upstream calls, ${counts.cacheHits} cache hits`);
  return `${lines.join("\n")}\n`;
}
