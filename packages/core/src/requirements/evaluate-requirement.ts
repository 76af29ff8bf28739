/** A requirement's value and status over a window. */
import type { Requirement, RequirementStatus } from "@genchi/spec";
import { computeMetric } from "./compute-metric.js";
import { metricDirections, shareMetrics } from "./metric-direction.js";
import type { WindowData } from "./window-data.js";

/** The at-risk margin: 10% of the distance from the threshold to the metric's ideal value. */
export const atRiskFraction = 0.1;

/** A requirement's evaluation: the value (null for no data) and its status. */
export interface RequirementEvaluation {
  value: number | null;
  status: RequirementStatus;
}

/**
 * The width of the at-risk band next to a threshold. The ideal is 0 for `at_most` metrics and 1 for
 * `at_least` shares, so error_rate ≤ 0.05 is at risk above 0.045 and availability ≥ 0.99 below 0.991.
 */
export function atRiskMargin(requirement: Pick<Requirement, "metric" | "threshold">): number {
  const ideal =
    metricDirections[requirement.metric] === "at_most" ? 0 : shareMetrics.has(requirement.metric) ? 1 : 0;
  return Math.abs(requirement.threshold - ideal) * atRiskFraction;
}

/**
 * The status of a value against a requirement: `no_data` for null, `broken` past the threshold,
 * `at_risk` within the margin of it, else `met`.
 */
export function statusOf(
  requirement: Pick<Requirement, "metric" | "threshold">,
  value: number | null,
): RequirementStatus {
  if (value === null || Number.isNaN(value)) return "no_data";
  const { threshold } = requirement;
  const margin = atRiskMargin(requirement);
  if (metricDirections[requirement.metric] === "at_most") {
    if (value > threshold) return "broken";
    return value > threshold - margin ? "at_risk" : "met";
  }
  if (value < threshold) return "broken";
  return value < threshold + margin ? "at_risk" : "met";
}

/**
 * Evaluates a requirement over a window. An empty window is `no_data`, never `met`.
 *
 * @example evaluateRequirement({ metric: "error_rate", threshold: 0.05, window: "24h", severity: "must" }, data)
 */
export function evaluateRequirement(
  requirement: Pick<Requirement, "metric" | "threshold">,
  data: WindowData,
): RequirementEvaluation {
  const value = computeMetric(requirement.metric, data);
  return { value, status: statusOf(requirement, value) };
}
