import { describe, expect, test } from "vitest";
import { generateCalls } from "./generated-calls.js";
import { structuralDrift } from "./structural-drift.js";

function sides(baseline: ReturnType<typeof generateCalls>, current: ReturnType<typeof generateCalls>) {
  return [
    { side: "input" as const, baseline: baseline.map((c) => c.input), current: current.map((c) => c.input) },
    {
      side: "output" as const,
      baseline: baseline.map((c) => c.output),
      current: current.map((c) => c.output),
    },
  ];
}

const find = (findings: ReturnType<typeof structuralDrift>, side: string, descriptor: string) =>
  findings.find((f) => f.side === side && f.descriptor === descriptor);

describe.each([400, 3_000])("structural drift, %i calls per side", (n) => {
  test("typos in 30% of current inputs flag typo_rate, upward, with typo examples", () => {
    const findings = structuralDrift(
      sides(generateCalls({ n, seed: 1 }), generateCalls({ n, seed: 2, typoShare: 0.3 })),
    );
    const typo = find(findings, "input", "typo_rate");
    expect(typo?.drifted).toBe(true);
    expect(typo?.test).toBe(n > 1000 ? "wasserstein" : "ks");
    expect(typo?.move.direction).toBe("up");
    expect(typo?.examples?.length).toBeGreaterThan(0);
    expect(find(findings, "output", "json_type")?.drifted).toBe(false);
  });

  test("20% of outputs as JSON lists flag json_type, with list examples", () => {
    const findings = structuralDrift(
      sides(generateCalls({ n, seed: 3 }), generateCalls({ n, seed: 4, arrayOutputShare: 0.2 })),
    );
    const jsonType = find(findings, "output", "json_type");
    expect(jsonType?.drifted).toBe(true);
    expect(jsonType?.test).toBe(n > 1000 ? "jensenshannon" : "z");
    expect(jsonType?.move).toMatchObject({ kind: "categorical", category: "array", direction: "up" });
    expect(jsonType?.examples?.every((e) => e.startsWith("["))).toBe(true);
    expect(find(findings, "input", "typo_rate")?.drifted).toBe(false);
  });
});

test("two samples of one distribution flag nothing in at least 19 of 20 seeded trials", () => {
  let clean = 0;
  for (let trial = 0; trial < 20; trial++) {
    const n = trial % 2 === 0 ? 300 : 1_500;
    const findings = structuralDrift(
      sides(generateCalls({ n, seed: 100 + trial }), generateCalls({ n, seed: 200 + trial })),
      { seed: trial },
    );
    expect(findings.length).toBe(24);
    if (findings.every((f) => !f.drifted)) clean++;
  }
  expect(clean).toBeGreaterThanOrEqual(19);
}, 120_000);
