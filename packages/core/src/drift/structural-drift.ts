/**
 * The structural part of a drift report: every descriptor that applies on the input and output
 * side, baseline vs current. Each finding has a p-value and an effect size; the p-values are
 * Holm-corrected across the report's tests, and a finding drifts only when its adjusted p-value
 * is under α (0.05) and its effect reaches the floor of its kind. Descriptors that do not apply
 * to a side's texts (language on JSON, JSON shape on prose) are listed as skipped.
 */
import type { DriftDescriptor, DriftFinding, DriftSide, DriftSkip } from "@genchi/spec";
import { sampleIndices } from "../random/seeded-random.js";
import {
  type CompareOptions,
  compareDescriptor,
  type DescriptorSample,
  driftDefaults,
  isDrift,
} from "./compare-descriptor.js";
import { applicableDescriptors, fieldShares } from "./descriptor-applicability.js";
import { holmAdjust } from "./holm-adjust.js";
import { type DescriptorValues, describeText, detectLanguage, textDescriptors } from "./text-descriptors.js";

/** The texts of one side of one dataset. */
export interface SideTexts {
  side: DriftSide;
  baseline: readonly string[];
  current: readonly string[];
}

export interface StructuralDriftOptions {
  seed?: number;
  /** Family-wise α of the report (default 0.05). */
  alpha?: number;
  /** Correct p-values across the report's tests (default "holm"). */
  correction?: "holm" | "none";
  /** Effect-size floors (default KS D 0.1, Cohen's h 0.2). */
  minEffect?: CompareOptions["minEffect"];
  examples?: number;
  /** Called after each batch of texts described: done and total. */
  onProgress?: (done: number, total: number) => void;
}

export interface StructuralDrift {
  findings: DriftFinding[];
  skipped: DriftSkip[];
  correction: { method: "holm" | "none"; alpha: number; tests: number };
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
 * Compares every applicable descriptor of each side. Sides with no text on either side are left out.
 *
 * @example structuralDrift([{ side: "input", baseline: ["hi there"], current: ["hi thre"] }]).findings.length // → 8
 */
export function structuralDrift(
  sides: readonly SideTexts[],
  options: StructuralDriftOptions = {},
): StructuralDrift {
  const seed = options.seed ?? 1;
  const alpha = options.alpha ?? driftDefaults.alpha;
  const total = sides.reduce((n, s) => n + s.baseline.length + s.current.length, 0);
  let done = 0;
  const tick = () => {
    done += 1024;
    options.onProgress?.(Math.min(done, total), total);
  };
  const plans: { side: DriftSide; name: DriftDescriptor; sample: DescriptorSample }[] = [];
  const skipped: DriftSkip[] = [];
  for (const side of sides) {
    const hasText = (texts: readonly string[]) => texts.some((t) => t.length > 0);
    if (!hasText(side.baseline) && !hasText(side.current)) continue;
    const applicable = applicableDescriptors(
      side.side,
      textDescriptors,
      fieldShares(side.baseline, side.current),
    );
    skipped.push(...applicable.skipped);
    const b = describeAll(side.baseline, tick);
    const c = describeAll(side.current, tick);
    for (const descriptor of applicable.compared) {
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
  const compare: CompareOptions = {
    alpha,
    ...(options.minEffect !== undefined ? { minEffect: options.minEffect } : {}),
    ...(options.examples !== undefined ? { examples: options.examples } : {}),
  };
  const raw = plans.map((p) => ({
    side: p.side,
    descriptor: p.name,
    ...compareDescriptor(p.sample, compare),
  }));
  const method = options.correction ?? "holm";
  const adjusted = method === "holm" ? holmAdjust(raw.map((f) => f.pValue as number)) : undefined;
  const findings = raw.map((f, i) => {
    const p = adjusted?.[i] ?? (f.pValue as number);
    return {
      ...f,
      statistic: p,
      adjustedPValue: p,
      drifted: isDrift({ pValue: p, effect: f.effect as number, minEffect: f.minEffect as number }, alpha),
    };
  });
  return { findings, skipped, correction: { method, alpha, tests: findings.length } };
}
