/** Pure eval logic: assertions with inversion/weights, judge verdict parsing, McNemar, Pareto. */
import { describe, expect, it } from "vitest";
import { coreAssertions } from "./assertion-registry.js";
import { evaluateAssertions, type TestContext } from "./evaluate-assertions.js";
import { extractJsonValues } from "./json-assertions.js";
import { parseJudgeVerdict } from "./judge-verdict.js";
import { mcnemar } from "./mcnemar.js";
import { paretoFront, percentile, recommendCheapest } from "./pareto.js";
import { repeatMetrics } from "./repeat-metrics.js";

const ctx: TestContext = { vars: {}, prompt: "p", latencyMs: 50, costUsd: 0.001, provider: "openai:chat:m" };

describe("assertions", () => {
  it("applies an assertion's transform to that assertion only; an object becomes its JSON", async () => {
    // a stand-in runner for two known snippets (the server runs them in its JavaScript sandbox)
    const transform: TestContext["transform"] = async (code, outputJson) => {
      const output = JSON.parse(outputJson) as string;
      if (code === "upper") return { value: JSON.stringify(output.toUpperCase()) };
      if (code === "length") return { value: JSON.stringify({ len: output.length }) };
      return { error: "boom" };
    };
    const g = await evaluateAssertions(
      "echo: hi",
      [
        { type: "equals", value: "ECHO: HI", transform: "upper" },
        { type: "equals", value: "echo: hi" },
        { type: "contains", value: '"len":8', transform: "length" },
        { type: "contains", value: "x", transform: "throws" },
        { type: "contains", value: "x", transform: "null" },
      ],
      {
        ...ctx,
        transform: async (code, json) => (code === "null" ? { value: "null" } : transform(code, json, ctx)),
      },
      coreAssertions(),
    );
    expect(g.assertions.map((a) => a.pass)).toEqual([true, true, true, false, false]);
    expect(g.assertions[3]!.error).toBe("transform failed: boom");
    expect(g.assertions[4]!.error).toBe("transform failed: the transform returned no value");
    // without a runner a transform is an error, never silently skipped
    const bare = await evaluateAssertions(
      "x",
      [{ type: "contains", value: "x", transform: "upper" }],
      ctx,
      coreAssertions(),
    );
    expect(bare.error).toMatch(/transform needs a JavaScript runner/);
  });

  it("inverts with not-, weights the score, and names metrics", async () => {
    const g = await evaluateAssertions(
      "echo: Paris",
      [
        { type: "contains", value: "Paris", weight: 3, metric: "acc" },
        { type: "not-icontains", value: "paris" },
        { type: "word-count", value: { min: 1, max: 3 } },
      ],
      ctx,
      coreAssertions(),
    );
    expect(g.pass).toBe(false);
    expect(g.score).toBeCloseTo(4 / 5, 10);
    expect(g.namedScores).toEqual({ acc: 1 });
    expect(g.assertions.map((a) => a.pass)).toEqual([true, false, true]);
  });

  it("reports unknown types and missing thresholds as errors, never passes", async () => {
    const g = await evaluateAssertions(
      "x",
      [{ type: "no-such" }, { type: "latency" }],
      ctx,
      coreAssertions(),
    );
    expect(g.pass).toBe(false);
    expect(g.assertions.every((a) => a.error !== null)).toBe(true);
    const inverted = await evaluateAssertions("x", [{ type: "not-latency" }], ctx, coreAssertions());
    expect(inverted.pass).toBe(false);
  });

  it("levenshtein and is-refusal", async () => {
    const r = coreAssertions();
    expect(await r.get("levenshtein")!("kitten", { ...ctx, value: "sitting", threshold: 3 })).toMatchObject({
      pass: true,
    });
    expect(await r.get("levenshtein")!("kitten", { ...ctx, value: "sitting", threshold: 2 })).toMatchObject({
      pass: false,
    });
    expect(
      await r.get("is-refusal")!("I'm sorry, but I cannot help with that.", {
        ...ctx,
        value: undefined,
        threshold: undefined,
      }),
    ).toMatchObject({ pass: true });
  });

  it("finds JSON inside text", () => {
    expect(extractJsonValues('a {"x": "}"} b [1,2] {bad')).toEqual([{ x: "}" }, [1, 2]]);
  });
});

describe("judge verdicts", () => {
  it("reads JSON and bare yes/no, and refuses anything else", () => {
    expect(parseJudgeVerdict('Sure: {"pass": false, "reason": "rude"}')).toMatchObject({
      type: "verdict",
      pass: false,
      reason: "rude",
    });
    expect(parseJudgeVerdict("Yes.")).toMatchObject({ type: "verdict", pass: true });
    expect(parseJudgeVerdict('{"pass": "maybe"}').type).toBe("error");
    expect(parseJudgeVerdict("").type).toBe("error");
  });
});

describe("statistics", () => {
  it("McNemar exact and asymptotic", () => {
    expect(mcnemar(0, 0).pValue).toBe(1);
    // 2 * P(X ≤ 1 | n = 9) = 2 * 10 / 512
    expect(mcnemar(8, 1).pValue).toBeCloseTo(20 / 512, 10);
    // χ² = (|60−30|−1)² / 90 = 9.344…, p ≈ 0.00224
    expect(mcnemar(60, 30).pValue).toBeCloseTo(0.00224, 4);
  });

  it("repeat metrics", () => {
    const m = repeatMetrics([true, false, true, true], ["a", "a", "a", "a"]);
    expect(m).toMatchObject({
      runs: 4,
      passes: 3,
      passRate: 0.75,
      passAll: false,
      passAny: true,
      flaky: true,
      consistency: 1,
    });
  });

  it("Pareto front and the cheapest provider within tolerance", () => {
    const rows = [
      { provider: "big", tests: 10, passRate: 0.95, latencyP50: 900, latencyP95: 1500, costPer1k: 5 },
      { provider: "mid", tests: 10, passRate: 0.92, latencyP50: 400, latencyP95: 700, costPer1k: 0.6 },
      { provider: "small", tests: 10, passRate: 0.7, latencyP50: 200, latencyP95: 300, costPer1k: 0.1 },
      { provider: "worse", tests: 10, passRate: 0.9, latencyP50: 500, latencyP95: 800, costPer1k: 0.7 },
    ];
    expect(
      paretoFront(rows)
        .filter((r) => r.onFront)
        .map((r) => r.provider),
    ).toEqual(["big", "mid", "small"]);
    expect(recommendCheapest(rows, 5)).toMatchObject({ type: "recommended", provider: "mid" });
    expect(recommendCheapest(rows, 30)).toMatchObject({ provider: "small" });
    expect(percentile([4, 1, 3, 2], 50)).toBe(2);
  });
});

describe("assertion registry", () => {
  it("knows which assertions are local (no provider calls)", () => {
    const registry = coreAssertions();
    expect(registry.isLocal("contains")).toBe(true);
    expect(registry.isLocal("not-is-json")).toBe(true);
    expect(registry.isLocal("no-such-type")).toBe(true);
    registry.register("remote-check", () => ({ pass: true, score: 1, reason: "" }));
    expect(registry.isLocal("remote-check")).toBe(false);
    expect(registry.isLocal("not-remote-check")).toBe(false);
    registry.register("contains", () => ({ pass: true, score: 1, reason: "" }));
    expect(registry.isLocal("contains")).toBe(false);
  });
});
