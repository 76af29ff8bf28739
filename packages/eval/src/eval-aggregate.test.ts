/** The aggregate keeps a bounded list of failing tests, the lowest test indices, one row per test. */
import type { EvalResult } from "@genchi/spec";
import { describe, expect, it } from "vitest";
import { EvalAggregate, keptFailures } from "./eval-aggregate.js";

const result = (testIndex: number, pass: boolean, repeat = 0): EvalResult => ({
  description: `case ${testIndex}`,
  vars: {},
  provider: "p",
  pass,
  score: pass ? 1 : 0,
  output: "out",
  error: null,
  testIndex,
  repeat,
});

describe("EvalAggregate failures", () => {
  it("keeps the first failing tests by test order however many fail, and counts them all", () => {
    const aggregate = new EvalAggregate(() => 1);
    for (let i = 999; i >= 0; i--) aggregate.add(result(i, i % 2 === 0));
    expect(aggregate.failureCount).toBe(500);
    const rows = aggregate.failures();
    expect(rows).toHaveLength(keptFailures);
    expect(rows.map((r) => r.testIndex)).toEqual(Array.from({ length: keptFailures }, (_, k) => 2 * k + 1));
  });

  it("makes one row per repeated test that did not pass every run, with its tally", () => {
    const aggregate = new EvalAggregate(() => 3);
    for (const [i, passes] of [
      [0, [true, true, true]],
      [1, [true, false, true]],
      [2, [false, false, false]],
    ] as const)
      for (const [r, p] of passes.entries()) aggregate.add(result(i, p, r));
    expect(aggregate.failures().map((r) => [r.testIndex, r.passes, r.runs, r.example.repeat])).toEqual([
      [1, 2, 3, 1],
      [2, 0, 3, 0],
    ]);
  });
});
