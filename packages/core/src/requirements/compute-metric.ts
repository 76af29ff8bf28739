/** Computes one requirement metric's value over a window; null when the window holds no data for it. */
import { type RequirementMetric, structuredFinalTag } from "@genchi/spec";
import { percentile } from "../eval/pareto.js";
import type { CheckResult, WindowData } from "./window-data.js";

const dayMs = 86_400_000;

function share(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** Share of `pass` among pass/fail verdicts; `error` results (a check that threw) are not counted. */
function passShare(results: readonly CheckResult[] | undefined): number | null {
  const judged = (results ?? []).filter((r) => r.verdict !== "error");
  return share(judged.filter((r) => r.verdict === "pass").length, judged.length);
}

/**
 * Structured-output adherence, as the server's stats count it: final attempts tagged
 * `genchi:structured` with `metadata.structured.outcome` first_try / after_retries (adhered) or
 * failed; `error` outcomes (the provider failed) are not judged.
 */
function schemaAdherence(data: WindowData): number | null {
  let adhered = 0;
  let judged = 0;
  for (const call of data.calls) {
    if (!call.tags.includes(structuredFinalTag)) continue;
    const outcome = (call.metadata["structured"] as { outcome?: unknown } | undefined)?.outcome;
    if (outcome === "first_try" || outcome === "after_retries") adhered++;
    else if (outcome !== "failed") continue;
    judged++;
  }
  return share(adhered, judged);
}

function present(values: readonly (number | null)[]): number[] {
  return values.filter((v): v is number => v !== null);
}

/**
 * The metric's value over the window, or null for no data.
 *
 * @example computeMetric("error_rate", { windowMs: 3_600_000, calls }) // → 0.25 for 1 error in 4 calls
 */
export function computeMetric(metric: RequirementMetric, data: WindowData): number | null {
  const calls = data.calls;
  const errors = calls.filter((c) => c.status === "error").length;
  const ids = new Set(calls.map((c) => c.id));
  /** Feedback on the window's calls only. */
  const feedback = (data.feedback ?? []).filter((f) => ids.has(f.callId));
  switch (metric) {
    case "error_rate":
      return share(errors, calls.length);
    case "availability":
      return share(calls.length - errors, calls.length);
    case "schema_adherence":
      return schemaAdherence(data);
    case "harmlessness":
      return passShare(data.harmlessness);
    case "grounding":
      return passShare(data.grounding);
    case "negative_feedback_rate": {
      const labelled = feedback.filter((f) => f.label !== null);
      const negative = labelled.filter((f) => f.label === "negative" || f.label === "strong_negative");
      return share(negative.length, labelled.length);
    }
    case "regenerate_rate": {
      const regenerated = new Set(feedback.filter((f) => f.kind === "regenerate").map((f) => f.callId));
      return share(regenerated.size, calls.length);
    }
    case "latency_p50_ms":
      return percentile(present(calls.map((c) => c.latencyMs)), 50);
    case "latency_p95_ms":
      return percentile(present(calls.map((c) => c.latencyMs)), 95);
    case "ttft_p95_ms":
      return percentile(present(calls.map((c) => c.ttftMs)), 95);
    case "cost_per_call_usd": {
      const costs = present(calls.map((c) => c.costUsd));
      return costs.length === 0 ? null : costs.reduce((a, b) => a + b, 0) / costs.length;
    }
    case "cost_per_day_usd": {
      const costs = present(calls.map((c) => c.costUsd));
      if (costs.length === 0 || data.windowMs <= 0) return null;
      return (costs.reduce((a, b) => a + b, 0) * dayMs) / data.windowMs;
    }
  }
}
