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

/** One model requested through the gateway, with what served it. */
export interface ModelSeen {
  provider: string | null;
  requestedModel: string;
  kind: "pinned" | "floating";
  /** Every model id the upstream reported for this request, oldest first. */
  servedModels: { model: string; firstSeen: string; lastSeen: string; calls: number }[];
  /** True when more than one served model was seen: a silent upstream update. */
  servedChanged: boolean;
  pinnedTo: string | null;
}

/** Shadow traffic for one route: a candidate model (and optional system prompt), a sample rate. */
export const shadowRouteSchema = z.object({
  route: z.string().min(1).max(512),
  candidate: z.string().min(1).max(512),
  systemPrompt: z.string().max(100_000).nullable().default(null),
  sampleRate: z.number().min(0).max(1).default(0.1),
});
export type ShadowRoute = z.infer<typeof shadowRouteSchema>;

/** A production call and its candidate twin, compared. */
export interface ShadowPair {
  primaryId: string;
  shadowId: string;
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
  /** Eval-suite assertions on both sides: filled once the eval engine exposes suites per route. */
  suite: null;
}
