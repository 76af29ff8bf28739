/** The release gate's result over evaluated requirements (the `genchi gate --output` shape). */
import type { GateResult, Requirement } from "@genchi/spec";
import type { RequirementEvaluation } from "./evaluate-requirement.js";

/** A requirement as the gate reads it; `id` defaults to `metric@window`. */
export type GateRequirement = Requirement & { id?: string | undefined };

/**
 * The gate: `pass` only when every `must` is `met` or `at_risk`. A `must` with `no_data` fails —
 * a release cannot be shown to hold a bar nothing measured, and a route with no traffic (or checks
 * that never ran) must not pass by silence. `should` requirements are reported but never fail it.
 *
 * @example gateResult([req], [{ value: 0.01, status: "met" }]) // → { pass: true, requirements: [...] }
 */
export function gateResult(
  requirements: readonly GateRequirement[],
  evaluations: readonly RequirementEvaluation[],
): GateResult {
  if (requirements.length !== evaluations.length) {
    throw new RangeError(`${requirements.length} requirements but ${evaluations.length} evaluations`);
  }
  const rows = requirements.map((req, i) => {
    const evaluation = evaluations[i] as RequirementEvaluation;
    return {
      id: req.id ?? `${req.metric}@${req.window}`,
      metric: req.metric,
      severity: req.severity,
      threshold: req.threshold,
      value: evaluation.value,
      status: evaluation.status,
    };
  });
  const pass = rows.every(
    (row) => row.severity !== "must" || row.status === "met" || row.status === "at_risk",
  );
  return { pass, requirements: rows };
}
