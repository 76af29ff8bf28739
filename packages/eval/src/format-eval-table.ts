/**
 * The terminal summary of a run: per-provider table, repeat metrics, recommendation, the
 * failing tests, then one line of totals (pass rate, upstream calls and cache hits).
 */
import type { Recommendation } from "@genchi/core/eval";
import type { EvalAggregate } from "./eval-aggregate.js";
import { type FailureListOptions, formatEvalFailures } from "./format-eval-failures.js";
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

export interface EvalTableOptions extends FailureListOptions {
  /** What went upstream and what the cache answered. */
  counts?: HttpCounts;
}

/**
 * The summary printed after a run.
 *
 * @example process.stdout.write(formatEvalTable(aggregate, recommendation, { counts: http.counts() }))
 */
export function formatEvalTable(
  aggregate: EvalAggregate,
  recommendation: Recommendation | null,
  options: EvalTableOptions = {},
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
  const failures = formatEvalFailures(aggregate, options);
  if (failures !== "") lines.push(failures.slice(0, -1));
  const rate = passed / Math.max(1, passed + failed + errors);
  const { counts } = options;
  const calls = counts ? `; ${counts.upstreamCalls} upstream calls, ${counts.cacheHits} cache hits` : "";
  lines.push("", `${passed} passed, ${failed} failed, ${errors} errors (pass rate ${pct(rate)})${calls}`);
  return `${lines.join("\n")}\n`;
}
