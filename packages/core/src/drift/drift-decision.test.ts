/**
 * The drift decision on cases computed by hand: a finding is drifted only when its p-value
 * (Holm-adjusted across the report) is under α and its effect size reaches the floor of its
 * kind — KS D ≥ 0.1 for numeric descriptors, Cohen's h ≥ 0.2 for shares. Empty, constant and
 * single-value samples never drift.
 */
import { describe, expect, test } from "vitest";
import { compareDescriptor, driftDefaults } from "./compare-descriptor.js";
import { cohensH, largestCohensH } from "./effect-size.js";
import { holmAdjust } from "./holm-adjust.js";

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const repeat = <T>(values: readonly T[], times: number) => Array.from({ length: times }, () => values).flat();
const texts = (n: number) => Array.from({ length: n }, (_, i) => `text ${i}`);
const numeric = (baseline: number[], current: number[]) =>
  compareDescriptor({ kind: "numeric", baseline, current, currentTexts: texts(current.length) });
const categorical = (baseline: string[], current: string[]) =>
  compareDescriptor({ kind: "categorical", baseline, current, currentTexts: texts(current.length) });

describe("documented floors", () => {
  test("α 0.05, KS D ≥ 0.1, Cohen's h ≥ 0.2", () => {
    expect(driftDefaults.alpha).toBe(0.05);
    expect(driftDefaults.minEffect).toEqual({ ks: 0.1, proportion: 0.2 });
  });
});

describe("Cohen's h = 2·asin√p₂ − 2·asin√p₁", () => {
  test("by hand", () => {
    expect(cohensH(0.5, 0.5)).toBe(0);
    expect(cohensH(0.25, 0.75)).toBeCloseTo(Math.PI / 3, 12); // 2·(π/3) − 2·(π/6)
    expect(cohensH(0.75, 0.25)).toBeCloseTo(-Math.PI / 3, 12);
    expect(cohensH(0, 1)).toBeCloseTo(Math.PI, 12);
    expect(cohensH(0, 0.01)).toBeCloseTo(2 * Math.asin(0.1), 12); // 0.2003: 0 → 1% just passes 0.2
  });

  test("the largest |h| over categories; none when a side is empty", () => {
    // each share moves by 2·asin√0.75 − 2·asin√0.5 = 2π/3 − π/2 = π/6
    expect(largestCohensH([0.5, 0.5], [0.25, 0.75])).toBeCloseTo(Math.PI / 6, 12);
    expect(largestCohensH([1, 0, 0], [0.75, 0.25, 0])).toBeCloseTo(
      Math.PI - 2 * Math.asin(Math.sqrt(0.75)),
      12,
    );
    expect(largestCohensH([], [])).toBe(0);
  });
});

describe("Holm's step-down adjustment", () => {
  test("by hand: sorted p × (m − rank), made monotone, capped at 1", () => {
    // sorted 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → max so far 0.06
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    for (const [i, p] of [0.03, 0.06, 0.06, 0.02].entries()) expect(adjusted[i]).toBeCloseTo(p, 12);
    // Holm rejects all three at 0.05 where Bonferroni (0.03, 0.06, 0.09) rejects one
    const three = holmAdjust([0.01, 0.02, 0.03]);
    for (const [i, p] of [0.03, 0.04, 0.04].entries()) expect(three[i]).toBeCloseTo(p, 12);
    expect(holmAdjust([0.6, 0.7])).toEqual([1, 1]);
  });

  test("empty and single", () => {
    expect(holmAdjust([])).toEqual([]);
    expect(holmAdjust([0.2])).toEqual([0.2]);
  });
});

describe("numeric descriptors: p < α and KS D ≥ 0.1", () => {
  test("significant but under the floor: a shift of 5% of the range, D = 0.05 → not drifted", () => {
    // baseline 0…999; current 50…1049 fifty times over: the CDFs differ by 50/1000 at most.
    const f = numeric(range(0, 1000), repeat(range(50, 1050), 50));
    expect(f.test).toBe("ks");
    expect(f.effectSize).toBe("ks_d");
    expect(f.effect).toBeCloseTo(0.05, 12);
    expect(f.minEffect).toBe(0.1);
    expect(f.pValue).toBeLessThan(0.05);
    expect(f.drifted).toBe(false);
  });

  test("significant and over the floor: D = 0.15 → drifted", () => {
    const f = numeric(range(0, 1000), range(150, 1150));
    expect(f.effect).toBeCloseTo(0.15, 12);
    expect(f.pValue).toBeLessThan(1e-6);
    expect(f.drifted).toBe(true);
  });

  test("a big effect on a handful of values is not significant: exact p for 3 vs 3 with D = 1 is 2/C(6,3) = 0.1", () => {
    // Of the 20 orderings of 3 + 3 values, only "all baseline first" and "all current first" give D = 1.
    const f = numeric([1, 2, 3], [10, 11, 12]);
    expect(f.test).toBe("ks");
    expect(f.effect).toBe(1);
    expect(f.pValue).toBeCloseTo(0.1, 10);
    expect(f.drifted).toBe(false);
  });
});

describe("shares: p < α and Cohen's h ≥ 0.2", () => {
  test("50% → 54% on 1,000 vs 50,000: p ≈ 0.012 but h = 0.080 → not drifted", () => {
    const f = categorical(
      [...repeat(["a"], 500), ...repeat(["b"], 500)],
      [...repeat(["a"], 23_000), ...repeat(["b"], 27_000)],
    );
    expect(f.test).toBe("z");
    expect(f.effectSize).toBe("cohens_h");
    expect(f.effect).toBeCloseTo(2 * Math.asin(Math.sqrt(0.54)) - Math.PI / 2, 12);
    expect(f.minEffect).toBe(0.2);
    expect(f.pValue).toBeGreaterThan(0.005);
    expect(f.pValue).toBeLessThan(0.05);
    expect(f.drifted).toBe(false);
  });

  test("50% → 75% on 1,000 vs 1,000: h = 2π/3 − π/2 = π/6 → drifted", () => {
    const f = categorical(
      [...repeat(["a"], 500), ...repeat(["b"], 500)],
      [...repeat(["a"], 250), ...repeat(["b"], 750)],
    );
    expect(f.effect).toBeCloseTo(Math.PI / 6, 12);
    expect(f.pValue).toBeLessThan(1e-20);
    expect(f.drifted).toBe(true);
  });

  test("categories with fewer than 5 expected calls are pooled before the test (h stays on the shares as reported)", () => {
    // x, y, z are 1 call each of 2,000: one "(rare)" pool; a/b at 50/50 on both sides.
    const f = categorical(
      [...repeat(["a"], 500), ...repeat(["b"], 499), "x"],
      [...repeat(["a"], 499), ...repeat(["b"], 499), "y", "z"],
    );
    expect(f.pValue).toBeGreaterThan(0.5);
    expect(f.effect).toBeCloseTo(2 * Math.asin(Math.sqrt(0.001)), 12); // x, y, z: 0 ↔ 0.1%
    expect(f.drifted).toBe(false);
  });

  test("a category new in a small current (0 → 20% of 200 calls, 3.6 expected) stays testable and is found", () => {
    const f = categorical(repeat(["object"], 2_000), [...repeat(["object"], 160), ...repeat(["array"], 40)]);
    expect(f.effect).toBeCloseTo(2 * Math.asin(Math.sqrt(0.2)), 12);
    expect(f.pValue).toBeLessThan(1e-10);
    expect(f.drifted).toBe(true);
  });

  test("two-proportion z by hand: 50% → 75% on 40 vs 40, z = 0.25 / √(0.625 · 0.375 · 2/40) = 2.309", () => {
    const f = categorical(
      [...repeat(["a"], 20), ...repeat(["b"], 20)],
      [...repeat(["a"], 10), ...repeat(["b"], 30)],
    );
    expect(f.pValue).toBeCloseTo(0.0209, 4);
    expect(f.effect).toBeCloseTo(Math.PI / 6, 12);
    expect(f.drifted).toBe(true); // one test alone: no correction
  });
});

describe("degenerate inputs never drift", () => {
  test("empty sides", () => {
    for (const f of [
      numeric([], [1, 2, 3]),
      numeric([1, 2, 3], []),
      numeric([], []),
      categorical([], ["a"]),
    ]) {
      expect(f).toMatchObject({ pValue: 1, effect: 0, drifted: false });
    }
  });

  test("all-identical values, the same on both sides", () => {
    expect(numeric([5, 5, 5, 5], [5, 5, 5])).toMatchObject({ pValue: 1, effect: 0, drifted: false });
    expect(categorical(["a", "a"], ["a"])).toMatchObject({ pValue: 1, effect: 0, drifted: false });
  });

  test("a single value per side: h = π, but under 5 expected calls per category nothing is testable (p = 1)", () => {
    const f = numeric([1], [2]);
    expect(f.test).toBe("z");
    expect(f.effect).toBeCloseTo(Math.PI, 12);
    expect(f.pValue).toBe(1);
    expect(f.drifted).toBe(false);
  });
});
