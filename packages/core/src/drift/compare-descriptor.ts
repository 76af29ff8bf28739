/**
 * One descriptor, baseline vs current: a two-sample test and an effect size. Numeric
 * descriptors (more than 5 distinct values) get the KS test and its D; categorical ones (and
 * numeric ones with few values) the z-test (two categories) or chi² with Cohen's h of the
 * category that moved most. A finding drifts only when the p-value is under α **and** the effect
 * reaches its floor: at 50,000 calls any wobble is significant, and a handful of calls can show
 * a big effect by chance. `structuralDrift` then corrects the p-values across the report (Holm).
 * PSI is reported for every descriptor.
 */
import type { DriftEffectSize, DriftFinding, DriftTest } from "@genchi/spec";
import { binShares, psi, sturgesEdges } from "./binning.js";
import {
  categoriesOf,
  chiSquareTest,
  countValues,
  poolSparse,
  sharesOf,
  zTest,
} from "./categorical-tests.js";
import { largestCohensH } from "./effect-size.js";
import { ksTest, sortedValues } from "./numeric-tests.js";
import type { DescriptorKind } from "./text-descriptors.js";

/** The floors; docs/drift.md says why these values. */
export const driftDefaults = {
  /** Family-wise significance level of one report (Holm-corrected across its tests). */
  alpha: 0.05,
  /** Minimum effect per kind of descriptor: KS D for numeric, Cohen's h for shares. */
  minEffect: { ks: 0.1, proportion: 0.2 },
  /** Numeric descriptors with at most this many distinct values are tested as categories. */
  numericAsCategoricalUnique: 5,
} as const;

export interface DescriptorSample {
  kind: DescriptorKind;
  baseline: readonly (number | string)[];
  current: readonly (number | string)[];
  /** The current texts, index-aligned with `current`, for examples. */
  currentTexts: readonly string[];
}

export interface CompareOptions {
  /** Significance level for this test alone (`structuralDrift` corrects across tests). */
  alpha?: number;
  minEffect?: { ks?: number; proportion?: number };
  examples?: number;
}

export type DescriptorComparison = Omit<DriftFinding, "side" | "descriptor">;

/** Which test a descriptor gets: KS for numeric with more than 5 distinct values, else z (≤ 2 categories) or chi². */
export function pickTest(sample: Pick<DescriptorSample, "kind" | "baseline" | "current">): DriftTest {
  const seen = new Set<number | string>();
  for (const side of [sample.baseline, sample.current])
    for (const v of side) {
      seen.add(v);
      if (seen.size > driftDefaults.numericAsCategoricalUnique + 1) break;
    }
  const unique = seen.size;
  const categorical = sample.kind === "categorical" || unique <= driftDefaults.numericAsCategoricalUnique;
  if (!categorical) return "ks";
  return unique <= 2 ? "z" : "chisquare";
}

/**
 * Drifted: significant (p under α) and the effect at or above its floor.
 *
 * @example isDrift({ pValue: 0.001, effect: 0.05, minEffect: 0.1 }, 0.05) // → false
 */
export function isDrift(f: { pValue: number; effect: number; minEffect: number }, alpha: number): boolean {
  return f.pValue < alpha && f.effect >= f.minEffect;
}

const maxExampleChars = 300;
const clip = (text: string) => (text.length > maxExampleChars ? `${text.slice(0, maxExampleChars)}…` : text);

function distinctExamples(indices: readonly number[], texts: readonly string[], limit: number): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const i of indices) {
    const text = texts[i];
    if (text === undefined || text.trim() === "" || seen.has(text)) continue;
    seen.add(text);
    out.push(clip(text));
    if (out.length >= limit) break;
  }
  return out;
}

function median(sorted: Float64Array): number {
  if (sorted.length === 0) return 0;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return values.length === 0 ? 0 : sum / values.length;
}

/**
 * Compares one descriptor and says how it moved, with current examples that show the move.
 *
 * @example compareDescriptor({ kind: "numeric", baseline: [1, 2, 3], current: [7, 8, 9], currentTexts: ["a", "b", "c"] }).drifted
 */
export function compareDescriptor(
  sample: DescriptorSample,
  options: CompareOptions = {},
): DescriptorComparison {
  const alpha = options.alpha ?? driftDefaults.alpha;
  const minKs = options.minEffect?.ks ?? driftDefaults.minEffect.ks;
  const minShare = options.minEffect?.proportion ?? driftDefaults.minEffect.proportion;
  const exampleCount = options.examples ?? 3;
  const test = pickTest(sample);
  const counts = { baselineCount: sample.baseline.length, currentCount: sample.current.length };

  if (sample.kind === "numeric") {
    const b = sortedValues(sample.baseline as number[]);
    const c = sortedValues(sample.current as number[]);
    const edges = sturgesEdges(b, c);
    const histogram = { edges, baseline: binShares(b, edges), current: binShares(c, edges) };
    const psiValue = psi(histogram.baseline, histogram.current);
    const move = {
      kind: "numeric" as const,
      baselineMean: mean(b),
      currentMean: mean(c),
      baselineMedian: median(b),
      currentMedian: median(c),
      direction: "none" as "up" | "down" | "none",
    };
    const delta = move.currentMean - move.baselineMean;
    if (Math.abs(delta) > 1e-12 * Math.max(1, Math.abs(move.baselineMean)))
      move.direction = delta > 0 ? "up" : "down";
    // The most extreme current values in the direction of the move: a cut from the sorted
    // sample, then only the rows past it are sorted (no sort of every row).
    const down = move.direction === "down";
    const cut = down ? (c[Math.min(c.length - 1, 200)] ?? 0) : (c[Math.max(0, c.length - 201)] ?? 0);
    const order = sample.current
      .flatMap((v, i) =>
        (down ? (v as number) <= cut : (v as number) >= cut) ? [[v as number, i] as const] : [],
      )
      .sort((x, y) => (down ? x[0] - y[0] : y[0] - x[0]))
      .map(([, i]) => i);
    const examples =
      move.direction === "none" ? [] : distinctExamples(order, sample.currentTexts, exampleCount);
    if (test === "ks") {
      const { d, pValue } = ksTest(b, c);
      return {
        ...verdict(test, pValue, d, "ks_d", minKs, alpha),
        psi: psiValue,
        ...counts,
        move,
        examples,
        histogram,
      };
    }
    // Few distinct values: tested as categories, moved as numbers.
    const cat = categoricalTest(sample.baseline.map(String), sample.current.map(String));
    return {
      ...verdict(test, cat.pValue(test), cat.effect, "cohens_h", minShare, alpha),
      psi: psiValue,
      ...counts,
      move,
      examples,
      histogram,
    };
  }

  const baseline = sample.baseline.map(String);
  const current = sample.current.map(String);
  const cat = categoricalTest(baseline, current);
  const { keys, bShares, cShares } = cat;
  let fell = -1;
  let rose = -1;
  let bestRise = 0;
  let worstFall = 0;
  for (let i = 0; i < keys.length; i++) {
    const d = (cShares[i] ?? 0) - (bShares[i] ?? 0);
    if (d > bestRise) {
      bestRise = d;
      rose = i;
    }
    if (d < worstFall) {
      worstFall = d;
      fell = i;
    }
  }
  // The category that moved most; a rise wins a tie (it names what is new in production).
  const moved = rose >= 0 && bestRise >= -worstFall - 1e-9 ? rose : Math.max(fell, 0);
  const delta = (cShares[moved] ?? 0) - (bShares[moved] ?? 0);
  const shareMap = (shares: number[]) => Object.fromEntries(keys.map((k, i) => [k, shares[i] ?? 0]));
  const move = {
    kind: "categorical" as const,
    direction: (delta > 0 ? "up" : delta < 0 ? "down" : "none") as "up" | "down" | "none",
    category: keys[moved] ?? "",
    baselineShare: bShares[moved] ?? 0,
    currentShare: cShares[moved] ?? 0,
    baselineShares: shareMap(bShares),
    currentShares: shareMap(cShares),
  };
  const risen = rose >= 0 ? keys[rose] : undefined;
  const examples =
    risen === undefined
      ? []
      : distinctExamples(
          current.flatMap((v, i) => (v === risen ? [i] : [])),
          sample.currentTexts,
          exampleCount,
        );
  return {
    ...verdict(test, cat.pValue(test), cat.effect, "cohens_h", minShare, alpha),
    psi: psi(bShares, cShares),
    ...counts,
    move,
    examples,
  };
}

function verdict(
  test: DriftTest,
  pValue: number,
  effect: number,
  effectSize: DriftEffectSize,
  minEffect: number,
  alpha: number,
) {
  return {
    test,
    statistic: pValue,
    threshold: alpha,
    drifted: isDrift({ pValue, effect, minEffect }, alpha),
    pValue,
    adjustedPValue: pValue,
    effect,
    effectSize,
    minEffect,
  };
}

/** Shares per category (for the move and Cohen's h), and the p-value of the table with sparse categories pooled. */
function categoricalTest(baseline: readonly string[], current: readonly string[]) {
  const b = countValues(baseline);
  const c = countValues(current);
  const keys = categoriesOf(b, c);
  const bShares = sharesOf(b, keys);
  const cShares = sharesOf(c, keys);
  const effect = baseline.length === 0 || current.length === 0 ? 0 : largestCohensH(bShares, cShares);
  const pValue = (test: DriftTest) => {
    const pooled = poolSparse(b, c);
    return test === "z"
      ? zTest(pooled.baseline, pooled.current).pValue
      : chiSquareTest(pooled.baseline, pooled.current).pValue;
  };
  return { keys, bShares, cShares, effect, pValue };
}
