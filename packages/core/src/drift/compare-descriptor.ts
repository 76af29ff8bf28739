/**
 * One descriptor, baseline vs current, with the test Evidently picks by default:
 * baseline ≤ 1,000 rows — KS for numeric (more than 5 distinct values), chi² for categorical,
 * the z-test for two categories (p-value under the threshold = drift); above 1,000 rows —
 * normalised Wasserstein for numeric, Jensen–Shannon for categorical (distance above 0.1 =
 * drift). PSI is reported for every descriptor.
 */
import type { DriftFinding, DriftTest } from "@genchi/spec";
import { binShares, floorShares, psi, sturgesEdges } from "./binning.js";
import {
  categoriesOf,
  chiSquareTest,
  countValues,
  jensenShannonDistance,
  sharesOf,
  zTest,
} from "./categorical-tests.js";
import { ksTest, normalizedWasserstein, sortedValues } from "./numeric-tests.js";
import type { DescriptorKind } from "./text-descriptors.js";

/** Evidently's defaults. */
export const driftDefaults = {
  /** Baselines with more rows than this use distances instead of p-values. */
  smallBaselineRows: 1_000,
  pValueThreshold: 0.05,
  distanceThreshold: 0.1,
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
  /** p-value threshold for this test (already corrected for multiple tests, if any). */
  pValueThreshold?: number;
  distanceThreshold?: number;
  examples?: number;
}

export type DescriptorComparison = Omit<DriftFinding, "side" | "descriptor">;

/** Which test Evidently's default picks for a descriptor. */
export function pickTest(sample: Pick<DescriptorSample, "kind" | "baseline" | "current">): DriftTest {
  const seen = new Set<number | string>();
  for (const side of [sample.baseline, sample.current])
    for (const v of side) {
      seen.add(v);
      if (seen.size > driftDefaults.numericAsCategoricalUnique + 1) break;
    }
  const unique = seen.size;
  const categorical = sample.kind === "categorical" || unique <= driftDefaults.numericAsCategoricalUnique;
  if (sample.baseline.length > driftDefaults.smallBaselineRows)
    return categorical ? "jensenshannon" : "wasserstein";
  if (!categorical) return "ks";
  return unique <= 2 ? "z" : "chisquare";
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
  const pThreshold = options.pValueThreshold ?? driftDefaults.pValueThreshold;
  const dThreshold = options.distanceThreshold ?? driftDefaults.distanceThreshold;
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
    if (test === "ks" || test === "wasserstein") {
      const statistic = test === "ks" ? ksTest(b, c).pValue : normalizedWasserstein(b, c);
      const threshold = test === "ks" ? pThreshold : dThreshold;
      const drifted = test === "ks" ? statistic < threshold : statistic > threshold;
      return { test, statistic, threshold, drifted, psi: psiValue, ...counts, move, examples, histogram };
    }
    // Few distinct values: tested as categories, moved as numbers.
    const cat = categoricalTest(test, sample.baseline.map(String), sample.current.map(String));
    return {
      test,
      ...cat.verdict(pThreshold, dThreshold),
      psi: psiValue,
      ...counts,
      move,
      examples,
      histogram,
    };
  }

  const baseline = sample.baseline.map(String);
  const current = sample.current.map(String);
  const cat = categoricalTest(test, baseline, current);
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
    test,
    ...cat.verdict(pThreshold, dThreshold),
    psi: psi(bShares, cShares),
    ...counts,
    move,
    examples,
  };
}

function categoricalTest(test: DriftTest, baseline: readonly string[], current: readonly string[]) {
  const b = countValues(baseline);
  const c = countValues(current);
  const keys = categoriesOf(b, c);
  const bShares = sharesOf(b, keys);
  const cShares = sharesOf(c, keys);
  const verdict = (pThreshold: number, dThreshold: number) => {
    if (test === "jensenshannon") {
      const normalise = (s: number[]) => {
        const floored = floorShares(s);
        const sum = floored.reduce((x, y) => x + y, 0);
        return floored.map((x) => x / sum);
      };
      const statistic = jensenShannonDistance(normalise(bShares), normalise(cShares));
      return { statistic, threshold: dThreshold, drifted: statistic > dThreshold };
    }
    const statistic = test === "z" ? zTest(b, c).pValue : chiSquareTest(b, c).pValue;
    return { statistic, threshold: pThreshold, drifted: statistic < pThreshold };
  };
  return { keys, bShares, cShares, verdict };
}
