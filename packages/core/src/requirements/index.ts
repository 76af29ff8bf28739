/**
 * Requirements per route (issue 18), as pure logic: no I/O. Importable alone as
 * `@genchi/core/requirements`.
 *
 * Definitions:
 * - Metrics (`computeMetric`): error_rate = error calls / calls; availability = ok calls / calls;
 *   schema_adherence = adhered / judged final structured attempts (tag `genchi:structured`,
 *   `metadata.structured.outcome` first_try or after_retries adhered, failed not, error not
 *   judged — the server's adherence stats' definition); harmlessness and grounding = pass / (pass +
 *   fail) check verdicts, `error` results not counted; negative_feedback_rate = negative or
 *   strong_negative labels / labelled feedback on the window's calls; regenerate_rate = calls with a `regenerate`
 *   feedback / calls; latency_p50_ms, latency_p95_ms, ttft_p95_ms by nearest rank over the calls
 *   that have the value; cost_per_call_usd = mean cost of calls with a cost; cost_per_day_usd = the
 *   window's total cost scaled to 24 h.
 * - Direction (`metricDirections`): bad-thing rates, latencies and costs must stay at or under the
 *   threshold; availability, schema_adherence, harmlessness, grounding at or over it.
 * - no_data: a window with nothing to compute from (no calls, no check results, no labelled
 *   feedback) is `no_data`, never `met`. A `must` with `no_data` fails the gate (`gateResult`).
 * - at_risk margin (`atRiskMargin`): still within the threshold but within 10% of the distance
 *   from the threshold to the ideal value (0 for at-most metrics, 1 for at-least shares): error_rate
 *   ≤ 0.05 is at risk over 0.045; availability ≥ 0.99 under 0.991; latency_p95_ms ≤ 5000 over 4500.
 * - Hysteresis band (`nextAlertState`): the at-risk band. An alert fires once on becoming `broken`
 *   and recovers once on returning to `met`; moving between `broken` and `at_risk` posts nothing.
 */

export * from "./compute-metric.js";
export * from "./evaluate-requirement.js";
export * from "./gate-result.js";
export * from "./metric-direction.js";
export * from "./next-alert-state.js";
export * from "./risk-tiers.js";
export * from "./window-data.js";
