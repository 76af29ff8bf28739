/**
 * DriftReport: baseline (what you test on) vs current (what production sends). Structural
 * findings per descriptor and side, plus semantic drift: a domain classifier, centroid distance
 * and clusters over the union of both samples. Written by `genchi drift --output`.
 */
import { z } from "zod";
import { callInputSchema, callOutputSchema } from "./message.js";

export const driftSides = ["input", "output"] as const;
export type DriftSide = (typeof driftSides)[number];

/** The stable descriptor names a finding can carry. */
export const driftDescriptors = [
  "char_length",
  "token_count",
  "word_count",
  "json_valid",
  "json_type",
  "json_keys",
  "xml_valid",
  "casing",
  "non_letter_share",
  "typo_rate",
  "fragment_rate",
  "language",
] as const;
export type DriftDescriptor = (typeof driftDescriptors)[number];

/**
 * Tests as Evidently names them. Reports since the effect-size floors use `ks`, `chisquare`
 * and `z` only; `wasserstein` and `jensenshannon` remain for reports stored before.
 */
export const driftTests = ["ks", "wasserstein", "chisquare", "z", "jensenshannon"] as const;
export type DriftTest = (typeof driftTests)[number];

/** How a numeric descriptor moved: means and medians on each side. */
export const numericMoveSchema = z.object({
  kind: z.literal("numeric"),
  direction: z.enum(["up", "down", "none"]),
  baselineMean: z.number(),
  currentMean: z.number(),
  baselineMedian: z.number(),
  currentMedian: z.number(),
});

/** How a categorical descriptor moved: the category whose share changed most. */
export const categoricalMoveSchema = z.object({
  kind: z.literal("categorical"),
  direction: z.enum(["up", "down", "none"]),
  category: z.string(),
  baselineShare: z.number(),
  currentShare: z.number(),
  baselineShares: z.record(z.string(), z.number()),
  currentShares: z.record(z.string(), z.number()),
});

/** The effect size of a finding: the KS statistic D (numeric), Cohen's h (shares). */
export const driftEffectSizes = ["ks_d", "cohens_h"] as const;
export type DriftEffectSize = (typeof driftEffectSizes)[number];

export const driftFindingSchema = z.object({
  side: z.enum(driftSides),
  descriptor: z.enum(driftDescriptors),
  test: z.enum(driftTests),
  /**
   * p-value for ks / chisquare / z (Holm-adjusted across the report's tests: `adjustedPValue`),
   * a distance for wasserstein / jensenshannon (older reports).
   */
  statistic: z.number(),
  /** α: significant when the p-value is under it (older reports: a distance above it). */
  threshold: z.number(),
  /** Significant (adjusted p-value under `threshold`) and `effect` ≥ `minEffect`. */
  drifted: z.boolean(),
  /** The test's p-value before the multiple-testing correction. */
  pValue: z.number().optional(),
  /** The p-value Holm-adjusted across every test of the report (what `threshold` is compared with). */
  adjustedPValue: z.number().optional(),
  /** How much it moved: KS D (0–1) for numeric descriptors, the largest |Cohen's h| (0–π) over categories for shares. */
  effect: z.number().optional(),
  effectSize: z.enum(driftEffectSizes).optional(),
  /** The floor `effect` must reach to count as drift: KS D 0.1, Cohen's h 0.2 (docs/drift.md says why). */
  minEffect: z.number().optional(),
  psi: z.number(),
  baselineCount: z.number().int(),
  currentCount: z.number().int(),
  move: z.discriminatedUnion("kind", [numericMoveSchema, categoricalMoveSchema]),
  /** Current texts that show the move (e.g. the highest typo rates when it went up). */
  examples: z.array(z.string()).optional(),
  /** Numeric descriptors: shares per bin (the Sturges bins PSI uses) on each side, for a histogram. */
  histogram: z
    .object({ edges: z.array(z.number()), baseline: z.array(z.number()), current: z.array(z.number()) })
    .optional(),
});
export type DriftFinding = z.infer<typeof driftFindingSchema>;

export const driftClusterSchema = z.object({
  id: z.number().int(),
  /** (n_current − n_baseline) / (n_current + n_baseline), on equal-size samples. */
  driftRatio: z.number(),
  /** Share of the current sample in this cluster. */
  share: z.number(),
  baselineCount: z.number().int(),
  currentCount: z.number().int(),
  examples: z.array(z.string()),
  terms: z.array(z.string()),
  /** ratio > 0.5 and ≥ 2% of current: a topic the tests do not cover. */
  uncovered: z.boolean(),
});
export type DriftCluster = z.infer<typeof driftClusterSchema>;

export const semanticDriftSchema = z.object({
  side: z.enum(driftSides),
  embedder: z.string(),
  baselineSample: z.number().int(),
  currentSample: z.number().int(),
  /** Cross-validated ROC AUC of a classifier telling current from baseline. */
  domainClassifierAuc: z.number(),
  /** 0.55 (Evidently's default); on samples ≤ 1,000 the 95th percentile under permuted labels when higher. */
  aucThreshold: z.number(),
  centroidDistance: z.number(),
  /** The 95th percentile of centroid distances between resampled splits of the union. */
  centroidThreshold: z.number(),
  centroidDrifted: z.boolean(),
  /** k of the clustering, chosen by silhouette, and that silhouette. */
  clusterCount: z.number().int(),
  silhouette: z.number(),
  /** Domain classifier AUC above its threshold and centroid distance above its threshold. */
  drifted: z.boolean(),
  /** 2-D projection (PCA) of every sampled text: x, y, cluster id, which side. */
  points: z.array(
    z.object({
      x: z.number(),
      y: z.number(),
      cluster: z.number().int(),
      side: z.enum(["baseline", "current"]),
    }),
  ),
});
export type SemanticDrift = z.infer<typeof semanticDriftSchema>;

/** A descriptor not compared on a side, and why (language on JSON, JSON shape on prose, …). */
export const driftSkipSchema = z.object({
  side: z.enum(driftSides),
  descriptor: z.enum(driftDescriptors),
  reason: z.string(),
  /** What the side's texts are: JSON (≥ 50% objects or arrays on one side), XML, or prose. */
  field: z.enum(["json", "xml", "prose"]),
  /** Shares of non-empty texts that parse as a JSON object or array, and that start with "<". */
  baselineJsonShare: z.number(),
  currentJsonShare: z.number(),
  baselineXmlShare: z.number(),
  currentXmlShare: z.number(),
});
export type DriftSkip = z.infer<typeof driftSkipSchema>;

export const driftReportSchema = z.object({
  drifted: z.boolean(),
  baselineCount: z.number().int(),
  currentCount: z.number().int(),
  findings: z.array(driftFindingSchema),
  clusters: z.array(driftClusterSchema),
  semantic: semanticDriftSchema.nullable(),
  /** Descriptors that do not apply to a side's texts, not compared (absent in older reports). */
  skipped: z.array(driftSkipSchema).optional(),
  /** The multiple-testing correction: Holm across `tests` p-values at family-wise `alpha`. */
  correction: z
    .object({ method: z.enum(["holm", "none"]), alpha: z.number(), tests: z.number().int() })
    .optional(),
});
export type DriftReport = z.infer<typeof driftReportSchema>;

/** A call as drift reads it: the input and (optionally) the output. */
export const driftCallSchema = z.object({
  input: callInputSchema,
  output: callOutputSchema.optional(),
});

/**
 * `POST /api/v1/drift`: a baseline (a stored dataset, or calls sent in the body) against a
 * window of production calls (route, since, until; newest first up to `limit`).
 */
export const driftRequestSchema = z.object({
  baseline: z.union([
    z.object({ dataset: z.string().min(1).max(200) }),
    z.object({ calls: z.array(driftCallSchema).min(1).max(50_000) }),
  ]),
  current: z
    .object({
      route: z.string().max(512).optional(),
      since: z.iso.datetime({ offset: true }).optional(),
      until: z.iso.datetime({ offset: true }).optional(),
      limit: z.number().int().min(1).max(50_000).default(5_000),
    })
    .default({ limit: 5_000 }),
  /** Embeddings, clusters and topics too (slower: the offline model embeds up to `sample` texts per side). */
  semantic: z.boolean().default(false),
  sample: z.number().int().min(10).max(2_000).default(500),
  seed: z.number().int().min(0).default(1),
});
export type DriftRequest = z.input<typeof driftRequestSchema>;
