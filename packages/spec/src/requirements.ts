/**
 * Requirements per route (issue 18): metric names, severities, windows, risk tiers, the route
 * file exchanged as YAML, requirement statuses and the `genchi gate --output` shape. The names and
 * shapes here are fixed by CONTRACT.md's wave 2 section.
 */
import { z } from "zod";
import { GenchiError } from "./genchi-error.js";

/** Requirement metric names (stable, see CONTRACT.md). */
export const requirementMetrics = [
  "error_rate",
  "availability",
  "schema_adherence",
  "harmlessness",
  "grounding",
  "negative_feedback_rate",
  "regenerate_rate",
  "latency_p50_ms",
  "latency_p95_ms",
  "ttft_p95_ms",
  "cost_per_call_usd",
  "cost_per_day_usd",
] as const;
export type RequirementMetric = (typeof requirementMetrics)[number];

/** How binding a requirement is: a failing `must` fails the release gate, a `should` only warns. */
export const requirementSeverities = ["must", "should"] as const;
export type RequirementSeverity = (typeof requirementSeverities)[number];

/** Risk tier presets a route starts from. */
export const riskTiers = ["internal", "customer-facing", "regulated"] as const;
export type RiskTier = (typeof riskTiers)[number];

/** A requirement's status over its window. */
export const requirementStatuses = ["met", "at_risk", "broken", "no_data"] as const;
export type RequirementStatus = (typeof requirementStatuses)[number];

const windowUnits: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };
const windowPattern = /^([1-9][0-9]{0,5})([mhd])$/;

/**
 * A window's length in milliseconds, or null when the text is not `<n>m`, `<n>h` or `<n>d`.
 *
 * @example parseWindowMs("24h") // → 86_400_000
 */
export function parseWindowMs(text: string): number | null {
  const match = windowPattern.exec(text);
  if (!match) return null;
  return Number(match[1]) * (windowUnits[match[2] as string] as number);
}

/** A window such as "30m", "24h" or "7d". */
export const requirementWindowSchema = z
  .string()
  .refine(
    (text) => parseWindowMs(text) !== null,
    'a window is a whole number and a unit: "30m", "24h", "7d"',
  );

/** One requirement: a metric held to a threshold over a window. */
export const requirementSchema = z.strictObject({
  metric: z.enum(requirementMetrics),
  threshold: z.number().finite().nonnegative(),
  window: requirementWindowSchema,
  severity: z.enum(requirementSeverities),
});
export type Requirement = z.infer<typeof requirementSchema>;

/** A route's tier and requirements, as `genchi requirements apply/export` read and write them. */
export const routeRequirementsSchema = z.strictObject({
  route: z.string().min(1).max(512),
  tier: z.enum(riskTiers),
  requirements: z.array(requirementSchema).max(100),
});
export type RouteRequirements = z.infer<typeof routeRequirementsSchema>;

/** One row of the gate result. `value` is null when the window held no data. */
export const gateRequirementResultSchema = z.object({
  id: z.string(),
  metric: z.enum(requirementMetrics),
  severity: z.enum(requirementSeverities),
  threshold: z.number(),
  value: z.number().nullable(),
  status: z.enum(requirementStatuses),
});
export type GateRequirementResult = z.infer<typeof gateRequirementResultSchema>;

/** `genchi gate --output`: pass only when every `must` holds. */
export const gateResultSchema = z.object({
  pass: z.boolean(),
  requirements: z.array(gateRequirementResultSchema),
});
export type GateResult = z.infer<typeof gateResultSchema>;

/**
 * Parses a route's requirements (from YAML or JSON already decoded), or throws GENCHI_VALIDATION
 * naming the first bad field, e.g. `requirements.0.metric`.
 *
 * @example parseRouteRequirements({ route: "r", tier: "internal", requirements: [] })
 */
export function parseRouteRequirements(input: unknown): RouteRequirements {
  const result = routeRequirementsSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.map(String) ?? [];
  const keys = issue?.code === "unrecognized_keys" ? issue.keys : [];
  const field = [...path, ...keys.slice(0, 1)].join(".") || "(root)";
  throw new GenchiError("GENCHI_VALIDATION", `${field}: ${issue?.message ?? "invalid"}`, { field });
}
