/** Risk tier presets, applying a tier with overrides, and what a route changed from its tier. */
import {
  GenchiError,
  type Requirement,
  type RequirementMetric,
  type RiskTier,
  type RouteRequirements,
} from "@genchi/spec";

/** The release gates a tier asks for: production requirements, an eval run, a human sign-off. */
export type ReleaseGate = "production" | "eval_run" | "human_review";

/** A tier preset: its requirements, the online-check sample rate, the daily review sample and gates. */
export interface TierPreset {
  requirements: readonly Requirement[];
  /** Share of production calls sampled for online checks (0..1). */
  onlineCheckSampleRate: number;
  /** Calls put in the review queue per day. */
  dailyReviewSampleSize: number;
  gates: readonly ReleaseGate[];
}

const r = (metric: RequirementMetric, threshold: number, severity: Requirement["severity"]): Requirement => ({
  metric,
  threshold,
  window: "24h",
  severity,
});

/** The presets. A low bar for internal tools, a very high one for medical, financial and legal use. */
export const tierPresets: Readonly<Record<RiskTier, TierPreset>> = {
  internal: {
    requirements: [
      r("error_rate", 0.05, "must"),
      r("availability", 0.95, "should"),
      r("negative_feedback_rate", 0.3, "should"),
      r("latency_p95_ms", 10_000, "should"),
      r("cost_per_day_usd", 50, "should"),
    ],
    onlineCheckSampleRate: 0.01,
    dailyReviewSampleSize: 10,
    gates: ["production"],
  },
  "customer-facing": {
    requirements: [
      r("error_rate", 0.02, "must"),
      r("availability", 0.99, "must"),
      r("schema_adherence", 0.98, "must"),
      r("harmlessness", 0.99, "must"),
      r("grounding", 0.9, "should"),
      r("negative_feedback_rate", 0.15, "should"),
      r("regenerate_rate", 0.1, "should"),
      r("latency_p95_ms", 5_000, "must"),
      r("ttft_p95_ms", 1_500, "should"),
      r("cost_per_call_usd", 0.02, "should"),
    ],
    onlineCheckSampleRate: 0.05,
    dailyReviewSampleSize: 25,
    gates: ["production", "eval_run"],
  },
  regulated: {
    requirements: [
      r("error_rate", 0.01, "must"),
      r("availability", 0.999, "must"),
      r("schema_adherence", 0.995, "must"),
      r("harmlessness", 0.999, "must"),
      r("grounding", 0.98, "must"),
      r("negative_feedback_rate", 0.1, "must"),
      r("regenerate_rate", 0.05, "should"),
      r("latency_p95_ms", 8_000, "should"),
      r("cost_per_call_usd", 0.05, "should"),
    ],
    onlineCheckSampleRate: 0.2,
    dailyReviewSampleSize: 50,
    gates: ["production", "eval_run", "human_review"],
  },
};

/** Per-metric changes to a tier: any of threshold, window, severity; a metric not in the tier needs all three. */
export type TierOverrides = Partial<Record<RequirementMetric, Partial<Omit<Requirement, "metric">>>>;

/**
 * A tier's requirements with overrides applied (tier order first, added metrics after).
 *
 * @example applyTier("internal", { error_rate: { threshold: 0.1 } })
 */
export function applyTier(tier: RiskTier, overrides: TierOverrides = {}): Requirement[] {
  const preset = tierPresets[tier];
  const out = preset.requirements.map((req) => ({ ...req, ...overrides[req.metric], metric: req.metric }));
  for (const [metric, change] of Object.entries(overrides) as [
    RequirementMetric,
    TierOverrides[RequirementMetric],
  ][]) {
    if (preset.requirements.some((req) => req.metric === metric) || !change) continue;
    const { threshold, window, severity } = change;
    if (threshold === undefined || window === undefined || severity === undefined) {
      throw new GenchiError(
        "GENCHI_VALIDATION",
        `${metric} is not in tier ${tier}: give its threshold, window and severity`,
        { field: metric },
      );
    }
    out.push({ metric, threshold, window, severity });
  }
  return out;
}

/** One difference between a route's requirements and its tier's preset. */
export interface TierDifference {
  metric: RequirementMetric;
  field: "threshold" | "window" | "severity" | "added" | "removed";
  tierValue: string | number | null;
  value: string | number | null;
}

const fields = ["threshold", "window", "severity"] as const;

/**
 * Which values of a route differ from its tier: changed fields, metrics added and metrics removed.
 *
 * @example diffFromTier({ route: "r", tier: "internal", requirements }) // → [{ metric: "error_rate", field: "threshold", tierValue: 0.05, value: 0.1 }]
 */
export function diffFromTier(route: RouteRequirements): TierDifference[] {
  const preset = tierPresets[route.tier].requirements;
  const diffs: TierDifference[] = [];
  for (const req of route.requirements) {
    const base = preset.find((p) => p.metric === req.metric);
    if (!base) {
      diffs.push({ metric: req.metric, field: "added", tierValue: null, value: req.threshold });
      continue;
    }
    for (const field of fields) {
      if (req[field] !== base[field])
        diffs.push({ metric: req.metric, field, tierValue: base[field], value: req[field] });
    }
  }
  for (const base of preset) {
    if (!route.requirements.some((req) => req.metric === base.metric)) {
      diffs.push({ metric: base.metric, field: "removed", tierValue: base.threshold, value: null });
    }
  }
  return diffs;
}
