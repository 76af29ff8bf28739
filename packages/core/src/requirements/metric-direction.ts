/** Which way each requirement metric must stay relative to its threshold. */
import type { RequirementMetric } from "@genchi/spec";

/** `at_most`: value ≤ threshold holds; `at_least`: value ≥ threshold holds. */
export type MetricDirection = "at_most" | "at_least";

/** Rates of bad things, latencies and costs are `at_most`; availability and quality shares `at_least`. */
export const metricDirections: Readonly<Record<RequirementMetric, MetricDirection>> = {
  error_rate: "at_most",
  availability: "at_least",
  schema_adherence: "at_least",
  harmlessness: "at_least",
  grounding: "at_least",
  negative_feedback_rate: "at_most",
  regenerate_rate: "at_most",
  latency_p50_ms: "at_most",
  latency_p95_ms: "at_most",
  ttft_p95_ms: "at_most",
  cost_per_call_usd: "at_most",
  cost_per_day_usd: "at_most",
};

/** The metrics that are shares in 0..1 (their ideal is 0 or 1). */
export const shareMetrics: ReadonlySet<RequirementMetric> = new Set([
  "error_rate",
  "availability",
  "schema_adherence",
  "harmlessness",
  "grounding",
  "negative_feedback_rate",
  "regenerate_rate",
]);
