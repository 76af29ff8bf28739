/**
 * The smallest model that still does the job: per-provider quality × latency × cost, the
 * Pareto front, and the cheapest provider within a tolerance of the best pass rate.
 */

export interface ProviderSummary {
  provider: string;
  tests: number;
  passRate: number;
  latencyP50: number | null;
  latencyP95: number | null;
  /** USD per 1,000 calls; null when the price is unknown. */
  costPer1k: number | null;
  onFront?: boolean;
}

/**
 * The p-th percentile (0..100) by nearest rank; null for no values.
 *
 * @example percentile([1, 2, 3, 4], 50) // → 2
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

const costOf = (s: ProviderSummary) => s.costPer1k ?? Number.POSITIVE_INFINITY;
const latencyOf = (s: ProviderSummary) => s.latencyP50 ?? Number.POSITIVE_INFINITY;

function dominates(a: ProviderSummary, b: ProviderSummary): boolean {
  const noWorse = a.passRate >= b.passRate && costOf(a) <= costOf(b) && latencyOf(a) <= latencyOf(b);
  const better = a.passRate > b.passRate || costOf(a) < costOf(b) || latencyOf(a) < latencyOf(b);
  return noWorse && better;
}

/**
 * Marks which providers are on the Pareto front (higher pass rate, lower cost, lower latency).
 *
 * @example paretoFront(summaries).filter((s) => s.onFront)
 */
export function paretoFront(summaries: readonly ProviderSummary[]): ProviderSummary[] {
  return summaries.map((s) => ({ ...s, onFront: !summaries.some((o) => o !== s && dominates(o, s)) }));
}

export type Recommendation =
  | { type: "recommended"; provider: string; passRate: number; bestPassRate: number; tolerance: number }
  | { type: "none"; reason: string };

/**
 * The cheapest provider whose pass rate is within `tolerance` percentage points of the best.
 *
 * @example recommendCheapest(summaries, 5) // → { type: "recommended", provider: "openai:chat:gpt-4o-mini", … }
 */
export function recommendCheapest(summaries: readonly ProviderSummary[], tolerance: number): Recommendation {
  if (summaries.length === 0) return { type: "none", reason: "no providers" };
  const best = Math.max(...summaries.map((s) => s.passRate));
  const eligible = summaries.filter((s) => s.passRate >= best - tolerance / 100 - 1e-12);
  const cheapest = [...eligible].sort((a, b) => costOf(a) - costOf(b) || latencyOf(a) - latencyOf(b))[0]!;
  return {
    type: "recommended",
    provider: cheapest.provider,
    passRate: cheapest.passRate,
    bestPassRate: best,
    tolerance,
  };
}
