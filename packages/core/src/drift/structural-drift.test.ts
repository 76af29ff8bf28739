import { generateCalls } from "@genchi/scripted-upstream/generated-calls";
import { describe, expect, test } from "vitest";
import { holmAdjust } from "./holm-adjust.js";
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

const find = (report: ReturnType<typeof structuralDrift>, side: string, descriptor: string) =>
  report.findings.find((f) => f.side === side && f.descriptor === descriptor);
const flagged = (report: ReturnType<typeof structuralDrift>) =>
  report.findings.filter((f) => f.drifted).map((f) => `${f.side}.${f.descriptor}`);

describe.each([400, 3_000])("structural drift, %i calls per side", (n) => {
  test("typos in 30% of current inputs flag typo_rate, upward, with typo examples", () => {
    const report = structuralDrift(
      sides(generateCalls({ n, seed: 1 }), generateCalls({ n, seed: 2, typoShare: 0.3 })),
    );
    const typo = find(report, "input", "typo_rate");
    expect(typo?.drifted).toBe(true);
    expect(typo?.test).toBe("ks");
    expect(typo?.effect).toBeGreaterThanOrEqual(0.1);
    expect(typo?.move.direction).toBe("up");
    expect(typo?.examples?.length).toBeGreaterThan(0);
    expect(find(report, "output", "json_type")?.drifted).toBe(false);
  });

  test("20% of outputs as JSON lists flag json_type, with list examples", () => {
    const report = structuralDrift(
      sides(generateCalls({ n, seed: 3 }), generateCalls({ n, seed: 4, arrayOutputShare: 0.2 })),
    );
    const jsonType = find(report, "output", "json_type");
    expect(jsonType?.drifted).toBe(true);
    expect(jsonType?.test).toBe("z");
    expect(jsonType?.effectSize).toBe("cohens_h");
    expect(jsonType?.effect).toBeCloseTo(Math.PI - 2 * Math.asin(Math.sqrt(0.8)), 1); // 100% → ~80% objects
    expect(jsonType?.move).toMatchObject({ kind: "categorical", category: "array", direction: "up" });
    expect(jsonType?.examples?.every((e) => e.startsWith("["))).toBe(true);
    expect(find(report, "input", "typo_rate")?.drifted).toBe(false);
  });
});

test("every p-value is Holm-adjusted across the report's tests; drifted needs adjusted p < α and the effect floor", () => {
  const report = structuralDrift(
    sides(generateCalls({ n: 400, seed: 1 }), generateCalls({ n: 400, seed: 2, typoShare: 0.3 })),
  );
  const adjusted = holmAdjust(report.findings.map((f) => f.pValue as number));
  report.findings.forEach((f, i) => {
    expect(f.adjustedPValue).toBeCloseTo(adjusted[i] as number, 12);
    expect(f.statistic).toBe(f.adjustedPValue);
    expect(f.threshold).toBe(0.05);
    expect(f.drifted).toBe(
      (f.adjustedPValue as number) < 0.05 && (f.effect as number) >= (f.minEffect as number),
    );
  });
  expect(report.correction).toEqual({ method: "holm", alpha: 0.05, tests: report.findings.length });
});

test("same distribution, 2,000 baseline vs 200 current (a dataset against a quiet day): no finding in 6 seeded trials", () => {
  const seen: string[] = [];
  for (let trial = 0; trial < 6; trial++) {
    const report = structuralDrift(
      sides(
        generateCalls({ n: 2_000, seed: 300 + trial, orderNumbers: true }),
        generateCalls({ n: 200, seed: 400 + trial, orderNumbers: true }),
      ),
      { seed: trial },
    );
    seen.push(...flagged(report).map((f) => `trial ${trial}: ${f}`));
  }
  expect(seen).toEqual([]);
}, 120_000);

test("two samples of one distribution flag nothing in 20 seeded trials", () => {
  const seen: string[] = [];
  for (let trial = 0; trial < 20; trial++) {
    const n = trial % 2 === 0 ? 300 : 1_500;
    const report = structuralDrift(
      sides(generateCalls({ n, seed: 100 + trial }), generateCalls({ n, seed: 200 + trial })),
      { seed: trial },
    );
    seen.push(...flagged(report).map((f) => `trial ${trial}: ${f}`));
  }
  expect(seen).toEqual([]);
}, 120_000);

describe("descriptors that do not apply are skipped, and say why", () => {
  const prose = (n: number, seed: number) => generateCalls({ n, seed }).map((c) => c.input);
  const json = (n: number, seed: number) => generateCalls({ n, seed }).map((c) => c.output);

  test("JSON outputs: no language (nor casing, typos, fragments, non-letter share) finding", () => {
    const report = structuralDrift([{ side: "output", baseline: json(300, 1), current: json(300, 2) }]);
    const names = report.findings.map((f) => f.descriptor);
    expect(names).not.toContain("language");
    expect(names).toEqual(expect.arrayContaining(["char_length", "json_valid", "json_type", "json_keys"]));
    const language = report.skipped.find((s) => s.side === "output" && s.descriptor === "language");
    expect(language?.reason).toMatch(/JSON/);
    expect(language).toMatchObject({ baselineJsonShare: 1, currentJsonShare: 1 });
    for (const d of ["casing", "typo_rate", "fragment_rate", "non_letter_share"])
      expect(report.skipped.map((s) => s.descriptor)).toContain(d);
  });

  test("prose: no JSON shape finding", () => {
    const report = structuralDrift([{ side: "input", baseline: prose(300, 1), current: prose(300, 2) }]);
    const names = report.findings.map((f) => f.descriptor);
    for (const d of ["json_valid", "json_type", "json_keys", "xml_valid"]) expect(names).not.toContain(d);
    expect(names).toEqual(expect.arrayContaining(["language", "typo_rate", "casing"]));
    const shape = report.skipped.find((s) => s.descriptor === "json_type");
    expect(shape).toMatchObject({ side: "input", baselineJsonShare: 0, currentJsonShare: 0 });
    expect(shape?.reason).toMatch(/prose/);
  });

  test("JSON on one side is enough for the JSON descriptors: prose answers replacing JSON ones are found", () => {
    const report = structuralDrift([{ side: "output", baseline: json(300, 1), current: prose(300, 2) }]);
    expect(find(report, "output", "json_valid")?.drifted).toBe(true);
    expect(report.skipped.map((s) => s.descriptor)).toContain("language");
  });
});
