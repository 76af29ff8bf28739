/**
 * The structural part of a drift report: every descriptor on the input and output side,
 * baseline vs current. p-value thresholds are Bonferroni-corrected across the p-value tests
 * of one report (Evidently's 0.05 / m), so that two samples of one distribution flag nothing
 * in 19 runs out of 20.
 */
import type { DriftDescriptor, DriftFinding, DriftSide } from "@genchi/spec";
import { sampleIndices } from "../random/seeded-random.js";
import {
  type CompareOptions,
  compareDescriptor,
  type DescriptorSample,
  driftDefaults,
  pickTest,
} from "./compare-descriptor.js";
import { type DescriptorValues, describeText, detectLanguage, textDescriptors } from "./text-descriptors.js";

/** The texts of one side of one dataset. */
export interface SideTexts {
  side: DriftSide;
  baseline: readonly string[];
  current: readonly string[];
}

export interface StructuralDriftOptions {
  seed?: number;
  /** Correct p-value thresholds across tests (default true). */
  bonferroni?: boolean;
  examples?: number;
  /** Called after each batch of texts described: done and total. */
  onProgress?: (done: number, total: number) => void;
}

type Described = Omit<DescriptorValues, "language">;

function describeAll(texts: readonly string[], tick: () => void): Described[] {
  const out: Described[] = new Array(texts.length);
  for (let i = 0; i < texts.length; i++) {
    out[i] = describeText(texts[i] as string);
    if ((i & 1023) === 1023) tick();
  }
  return out;
}

/**
 * Compares every descriptor of each side. Sides with no text on either side are skipped.
 *
 * @example structuralDrift([{ side: "input", baseline: ["hi there"], current: ["hi thre"] }]).length // → 12
 */
export function structuralDrift(
  sides: readonly SideTexts[],
  options: StructuralDriftOptions = {},
): DriftFinding[] {
  const seed = options.seed ?? 1;
  const total = sides.reduce((n, s) => n + s.baseline.length + s.current.length, 0);
  let done = 0;
  const tick = () => {
    done += 1024;
    options.onProgress?.(Math.min(done, total), total);
  };
  const plans: { side: DriftSide; name: DriftDescriptor; sample: DescriptorSample }[] = [];
  for (const side of sides) {
    const hasText = (texts: readonly string[]) => texts.some((t) => t.length > 0);
    if (!hasText(side.baseline) && !hasText(side.current)) continue;
    const b = describeAll(side.baseline, tick);
    const c = describeAll(side.current, tick);
    for (const descriptor of textDescriptors) {
      if (descriptor.name === "language") {
        const limit = descriptor.sampleLimit ?? Infinity;
        const bi = sampleIndices(side.baseline.length, limit, seed);
        const ci = sampleIndices(side.current.length, limit, seed + 1);
        plans.push({
          side: side.side,
          name: "language",
          sample: {
            kind: "categorical",
            baseline: bi.map((i) => detectLanguage(side.baseline[i] as string)),
            current: ci.map((i) => detectLanguage(side.current[i] as string)),
            currentTexts: ci.map((i) => side.current[i] as string),
          },
        });
        continue;
      }
      const name = descriptor.name;
      plans.push({
        side: side.side,
        name,
        sample: {
          kind: descriptor.kind,
          baseline: b.map((d) => d[name]),
          current: c.map((d) => d[name]),
          currentTexts: side.current,
        },
      });
    }
  }
  options.onProgress?.(total, total);
  const pTests = plans.filter((p) => {
    const test = pickTest(p.sample);
    return test === "ks" || test === "chisquare" || test === "z";
  }).length;
  const compare: CompareOptions = {
    pValueThreshold:
      options.bonferroni === false || pTests === 0
        ? driftDefaults.pValueThreshold
        : driftDefaults.pValueThreshold / pTests,
    ...(options.examples !== undefined ? { examples: options.examples } : {}),
  };
  return plans.map((p) => ({ side: p.side, descriptor: p.name, ...compareDescriptor(p.sample, compare) }));
}
