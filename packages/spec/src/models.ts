/** Model pinning and shadow traffic: pins, the pin policy, models seen, shadow pairs and the shadow report. */
import { z } from "zod";

/** What the gateway does with a floating alias: nothing, warn on the call, rewrite it to the pin, or refuse it. */
export const pinPolicies = ["off", "warn", "resolve", "reject"] as const;
export const pinPolicySchema = z.enum(pinPolicies);
export type PinPolicy = z.infer<typeof pinPolicySchema>;

/** A floating alias (or every call of a route) mapped to a pinned snapshot. Exactly one of route/alias is set. */
export const modelPinSchema = z
  .object({
    route: z.string().min(1).max(512).nullable().default(null),
    alias: z.string().min(1).max(512).nullable().default(null),
    pinned: z.string().min(1).max(512),
  })
  .refine((p) => (p.route === null) !== (p.alias === null), {
    message: "a pin names either a route or an alias, not both",
  });
export type ModelPin = z.infer<typeof modelPinSchema>;

/** A served model's change for one requested model, within one source and provider. */
export interface ServedChange {
  /** How the calls were logged: `gateway`, `sdk`, `otlp` or `shadow`. */
  source: string;
  from: string;
  to: string;
  /** When the newer served model was first seen (ISO 8601). */
  at: string;
}

/** One model requested (through the gateway, the SDK, REST or OTLP), with what served it. */
export interface ModelSeen {
  /** The provider; calls logged without one are counted under the requested model's only known provider. */
  provider: string | null;
  requestedModel: string;
  kind: "pinned" | "floating";
  /** Every model id reported for this request, per source, oldest first. */
  servedModels: { model: string; source: string; firstSeen: string; lastSeen: string; calls: number }[];
  /**
   * True when, within one source, more than one served model was seen: a silent upstream update.
   * Different sources may report different ids for the same model (an SDK logs what the app
   * passed on, the gateway what the upstream answered), so they are never compared.
   */
  servedChanged: boolean;
  /** The latest such change, or null. */
  servedChange: ServedChange | null;
  /** Gateway calls for it that carried a pin warning (policy `warn`: `x-genchi-pin-warning`). */
  pinWarnings: number;
  pinnedTo: string | null;
  /** The routes it was requested on, with their call counts, busiest first. */
  routes: { route: string | null; calls: number }[];
}

/** `GET /api/v1/models/pins`: the policy in effect and every pin, each with where it comes from. */
export interface ModelPinsView {
  policy: PinPolicy;
  /** `api` when the project set its own policy, `config` when it follows the config file's. */
  policyOrigin: "api" | "config";
  pins: (ModelPin & { origin: "api" | "config" })[];
  shadow: ShadowRouteEntry[];
}

/**
 * Shadow traffic for one route: a candidate model (and optional system prompt), a sample rate,
 * and optionally an eval suite (a genchi/promptfoo YAML file) whose shared assertions run on both sides.
 */
export const shadowRouteSchema = z.object({
  route: z.string().min(1).max(512),
  candidate: z.string().min(1).max(512),
  systemPrompt: z.string().max(100_000).nullable().default(null),
  sampleRate: z.number().min(0).max(1).default(0.1),
  /** Path of an eval YAML file (relative paths resolve against the server's working directory). */
  suite: z
    .string()
    .min(1)
    .max(4096)
    .regex(/\.ya?ml$/i, "the suite is an eval YAML file (.yaml or .yml)")
    .nullable()
    .default(null),
});
export type ShadowRoute = z.infer<typeof shadowRouteSchema>;

/** `PUT /api/v1/shadow/routes/:route` body: a shadow route without its name (the path names it). */
export const shadowRouteBodySchema = shadowRouteSchema.omit({ route: true }).strict();

/** A shadow route in effect for a project, with where it comes from (the API's win over the config file's). */
export type ShadowRouteEntry = ShadowRoute & { origin: "api" | "config" };

/** One suite assertion on the two sides of a shadow pair: true pass, false fail, null not run. */
export interface ShadowPairSuite {
  primary: (boolean | null)[];
  candidate: (boolean | null)[];
}

/** A pair whose verdict on one assertion differs between primary and candidate. */
export interface ShadowFlip {
  primaryId: string;
  shadowId: string;
  /** `regressed`: primary passed, candidate failed; `improved`: the reverse. */
  direction: "regressed" | "improved";
}

/** One suite assertion across the report's pairs. */
export interface ShadowAssertionSummary {
  /** Position in `ShadowPairSuite.primary` / `.candidate`. */
  index: number;
  type: string;
  /** What the assertion checks, short (type and value). */
  label: string;
  /** Why it did not run (e.g. `llm-rubric` without a configured judge); null when it ran. */
  skipped: string | null;
  /** Pairs it ran on (both sides). */
  evaluated: number;
  primaryPassRate: number | null;
  candidatePassRate: number | null;
  flips: ShadowFlip[];
}

/** The route's eval suite run on both sides of every pair. */
export interface ShadowSuiteReport {
  path: string;
  description: string;
  /** Set when the suite could not be loaded; then `assertions` is empty. */
  error: string | null;
  assertions: ShadowAssertionSummary[];
  /** Share of pairs where every assertion that ran passed, per side. */
  primaryPassRate: number | null;
  candidatePassRate: number | null;
}

/** A production call and its candidate twin, compared. */
export interface ShadowPair {
  primaryId: string;
  shadowId: string;
  /** The input both sides answered, as text (chat messages one per line, `role: content`; cut at 2,000 characters). */
  input: string;
  primaryModel: string | null;
  candidateModel: string | null;
  primaryOutput: string;
  candidateOutput: string;
  candidateError: string | null;
  exactMatch: boolean;
  /** 0–1, normalised Levenshtein similarity of the two texts. */
  similarity: number;
  primaryJsonValid: boolean;
  candidateJsonValid: boolean;
  primaryLength: number;
  candidateLength: number;
  primaryLatencyMs: number | null;
  candidateLatencyMs: number | null;
  primaryCostUsd: number | null;
  candidateCostUsd: number | null;
  /** Suite assertion verdicts per side, when the route has a suite. */
  suite?: ShadowPairSuite;
}

/** The per-route shadow report (`GET /api/v1/shadow/report?route=R`). */
export interface ShadowReport {
  route: string;
  pairs: ShadowPair[];
  summary: {
    pairs: number;
    candidateErrors: number;
    exactMatchRate: number | null;
    meanSimilarity: number | null;
    primaryJsonValidRate: number | null;
    candidateJsonValidRate: number | null;
    meanPrimaryLength: number | null;
    meanCandidateLength: number | null;
    p50PrimaryLatencyMs: number | null;
    p50CandidateLatencyMs: number | null;
    totalPrimaryCostUsd: number;
    totalCandidateCostUsd: number;
  };
  /** The route's eval-suite assertions on both sides; null when the route has no suite. */
  suite: ShadowSuiteReport | null;
}
