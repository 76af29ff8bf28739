import { expect, test } from "vitest";
import { binShares, psi, sturgesEdges } from "./binning.js";
import { chiSquareTest, countValues, jensenShannonDistance, zTest } from "./categorical-tests.js";
import { pickTest } from "./compare-descriptor.js";
import { ksTest, normalizedWasserstein, sortedValues, wassersteinDistance } from "./numeric-tests.js";

test("KS: identical samples p = 1; disjoint samples D = 1 and a small p", () => {
  expect(ksTest(sortedValues([1, 2, 3, 4]), sortedValues([1, 2, 3, 4]))).toEqual({ d: 0, pValue: 1 });
  const disjoint = ksTest(
    sortedValues([1, 2, 3, 4, 5, 6, 7, 8]),
    sortedValues([9, 10, 11, 12, 13, 14, 15, 16]),
  );
  expect(disjoint.d).toBe(1);
  expect(disjoint.pValue).toBeLessThan(0.01);
});

test("Wasserstein matches scipy (wasserstein_distance([0,1,3],[5,6,8]) = 5) and is normalised by the baseline std", () => {
  expect(wassersteinDistance(sortedValues([0, 1, 3]), sortedValues([5, 6, 8]))).toBeCloseTo(5, 10);
  expect(wassersteinDistance(sortedValues([0, 10]), sortedValues([0, 10]))).toBe(0);
  // std([0, 2]) = 1, distance 1
  expect(normalizedWasserstein(sortedValues([0, 2]), sortedValues([1, 3]))).toBeCloseTo(1, 10);
});

test("chi² of the 2×k table matches scipy's chi2_contingency without correction", () => {
  const result = chiSquareTest(
    new Map([
      ["a", 50],
      ["b", 50],
    ]),
    new Map([
      ["a", 90],
      ["b", 10],
    ]),
  );
  expect(result.statistic).toBeCloseTo(38.095, 2);
  expect(result.pValue).toBeLessThan(1e-8);
  expect(chiSquareTest(countValues(["x", "y", "x"]), countValues(["y", "x", "x"])).pValue).toBeCloseTo(1, 10);
});

test("two-proportion z-test and Jensen–Shannon distance", () => {
  const z = zTest(
    new Map([
      ["a", 500],
      ["b", 500],
    ]),
    new Map([
      ["a", 400],
      ["b", 600],
    ]),
  );
  expect(Math.abs(z.z)).toBeCloseTo(4.49, 1);
  expect(z.pValue).toBeLessThan(1e-4);
  expect(jensenShannonDistance([1, 0], [0, 1])).toBeCloseTo(Math.sqrt(Math.log(2)), 10);
  expect(jensenShannonDistance([0.5, 0.5], [0.5, 0.5])).toBe(0);
});

test("PSI is 0 for equal shares and grows with the shift; Sturges bins cover the union", () => {
  const a = sortedValues([1, 2, 3, 4, 5, 6, 7, 8]);
  const b = sortedValues([5, 6, 7, 8, 9, 10, 11, 12]);
  const edges = sturgesEdges(a, b);
  expect(edges.length - 1).toBe(5); // ⌈log2 16⌉ + 1
  expect(binShares(a, edges).reduce((x, y) => x + y)).toBeCloseTo(1, 10);
  expect(psi([0.5, 0.5], [0.5, 0.5])).toBe(0);
  expect(psi(binShares(a, edges), binShares(b, edges))).toBeGreaterThan(1);
});

test("the test a descriptor gets depends on its kind and distinct values, not on the sample size", () => {
  const many = Array.from({ length: 50 }, (_, i) => i);
  expect(pickTest({ kind: "numeric", baseline: many, current: many })).toBe("ks");
  expect(pickTest({ kind: "numeric", baseline: [1, 2, 3], current: [1, 2] })).toBe("chisquare");
  expect(pickTest({ kind: "categorical", baseline: ["a", "b"], current: ["a"] })).toBe("z");
  const big = Array.from({ length: 1_001 }, (_, i) => i);
  expect(pickTest({ kind: "numeric", baseline: big, current: many })).toBe("ks");
  expect(pickTest({ kind: "categorical", baseline: big.map(String), current: ["a"] })).toBe("chisquare");
});

test("exact KS p-values on small samples: the share of the C(m+n, m) interleavings reaching D", () => {
  // 2 vs 2, D = 1: "aabb" and "bbaa" of the 6 orders
  expect(ksTest(sortedValues([1, 2]), sortedValues([3, 4])).pValue).toBeCloseTo(2 / 6, 12);
  // 8 vs 8 disjoint: 2 of C(16, 8) = 12,870
  expect(
    ksTest(sortedValues([1, 2, 3, 4, 5, 6, 7, 8]), sortedValues([9, 10, 11, 12, 13, 14, 15, 16])).pValue,
  ).toBeCloseTo(2 / 12_870, 12);
  // 2 vs 2 with D = 1/2 ([1, 3] vs [2, 4]): every order but the two interleaved ones ("abab", "baba") reaches it
  expect(ksTest(sortedValues([1, 3]), sortedValues([2, 4])).pValue).toBeCloseTo(1, 12);
});
