/** The review queue's pure parts: each sampling strategy, seeds, no repeats; proposals checked on the calls they came from. */
import { describe, expect, it } from "vitest";
import { backtestAssertion, judgeAssertion } from "./backtest-assertion.js";
import { proposeAssertions, schemaOf } from "./propose-assertions.js";
import { reviewStats } from "./review-stats.js";
import { type ReviewCandidate, sampleReviewQueue } from "./sample-review-queue.js";

const candidates: ReviewCandidate[] = Array.from({ length: 200 }, (_, i) => ({
  id: `c${String(i).padStart(3, "0")}`,
  route: i % 4 === 0 ? "answer" : "categorize",
  model: i % 2 === 0 ? "gpt-4o-mini" : "gpt-4o",
  feedbackLabel: i % 25 === 0 ? "strong_negative" : i % 10 === 3 ? "negative" : null,
}));

describe("sampleReviewQueue", () => {
  it("is reproducible with a seed, whatever the input order, and differs across seeds", () => {
    const a = sampleReviewQueue(candidates, { size: 30, seed: 7 });
    const b = sampleReviewQueue([...candidates].reverse(), { size: 30, seed: 7 });
    const c = sampleReviewQueue(candidates, { size: 30, seed: 8 });
    expect(a).toEqual(b);
    expect(a.map((p) => p.callId)).not.toEqual(c.map((p) => p.callId));
    expect(a).toHaveLength(30);
    expect(new Set(a.map((p) => p.callId)).size).toBe(30);
  });

  it("puts negative feedback first, strongest first", () => {
    const picks = sampleReviewQueue(candidates, { size: 10, seed: 1, mix: { negative_feedback: 1 } });
    const byId = new Map(candidates.map((c) => [c.id, c]));
    expect(picks.every((p) => p.strategy === "negative_feedback")).toBe(true);
    const labels = picks.map((p) => byId.get(p.callId)!.feedbackLabel);
    expect(labels.slice(0, 8).every((l) => l === "strong_negative")).toBe(true);
    expect(labels.slice(8).every((l) => l === "negative")).toBe(true);
  });

  it("stratifies by route and model: every stratum appears in a small sample", () => {
    const picks = sampleReviewQueue(candidates, { size: 4, seed: 3, mix: { stratified: 1 } });
    const byId = new Map(candidates.map((c) => [c.id, c]));
    const strata = new Set(picks.map((p) => `${byId.get(p.callId)!.route}/${byId.get(p.callId)!.model}`));
    expect(strata.size).toBe(3); // answer is always even → gpt-4o-mini: 3 strata exist
  });

  it("takes pluggable ranked lists in order and falls back to uniform when short", () => {
    const picks = sampleReviewQueue(candidates, {
      size: 5,
      seed: 1,
      mix: { flaky: 1 },
      ranked: { flaky: ["c150", "c020", "missing"] },
    });
    expect(picks.slice(0, 2)).toEqual([
      { callId: "c150", strategy: "flaky" },
      { callId: "c020", strategy: "flaky" },
    ]);
    expect(picks.slice(2).every((p) => p.strategy === "uniform")).toBe(true);
    expect(picks).toHaveLength(5);
  });

  it("never offers an excluded call, and mixes by weight", () => {
    const exclude = new Set(candidates.slice(0, 150).map((c) => c.id));
    const picks = sampleReviewQueue(candidates, { size: 20, seed: 2, exclude });
    expect(picks.some((p) => exclude.has(p.callId))).toBe(false);
    const counts = new Map<string, number>();
    for (const p of picks) counts.set(p.strategy, (counts.get(p.strategy) ?? 0) + 1);
    expect(counts.get("stratified")).toBe(8);
    expect(picks.length).toBe(20);
  });
});

describe("proposeAssertions", () => {
  const failed = {
    callId: "f1",
    output: "I'm sorry, I cannot help with billing questions.",
    verdict: "fail" as const,
  };
  const reviewed = [
    failed,
    { callId: "p1", output: "billing", verdict: "pass" as const },
    { callId: "p2", output: "shipping", verdict: "pass" as const },
  ];

  it("derives code checks that fail the failure and pass its correction", () => {
    const proposals = proposeAssertions({
      output: failed.output,
      correction: "billing",
      note: 'refused with "sorry"',
    });
    const kinds = proposals.map((p) => p.kind);
    expect(kinds).toEqual(["regex", "contains", "not-contains", "length", "llm-rubric"]);
    for (const p of proposals.filter((p) => p.kind !== "llm-rubric" && p.kind !== "contains")) {
      expect(judgeAssertion(p.assert, failed.output), p.kind).toBe("fail");
      expect(judgeAssertion(p.assert, "billing"), p.kind).toBe("pass");
    }
    expect(proposals.find((p) => p.kind === "not-contains")!.assert.value).toBe("sorry");
    expect(String(proposals.find((p) => p.kind === "llm-rubric")!.assert.value)).toContain("refused");
  });

  it("backtests each proposal against the reviewed calls", () => {
    const regex = proposeAssertions({ output: failed.output, correction: "billing" })[0]!;
    const bt = backtestAssertion(regex.assert, reviewed);
    expect(bt.rows.map((r) => r.predicted)).toEqual(["fail", "pass", "fail"]);
    expect(bt.caughtFailures).toBe(1);
    expect(bt.falseFailures).toBe(1);
    expect(bt.agreement).toBeCloseTo(2 / 3);
    const rubric = backtestAssertion({ type: "llm-rubric", value: "x" }, reviewed);
    expect(rubric.agreement).toBeNull();
  });

  it("derives a JSON schema from the expected shape", () => {
    const expected = '{"label":"billing","confidence":0.9,"tags":["a"]}';
    const p = proposeAssertions({ output: "billing", correction: expected }).find(
      (x) => x.kind === "json-schema",
    )!;
    expect(p.assert.value).toEqual(schemaOf(JSON.parse(expected)));
    const check = (schema: unknown, data: unknown) =>
      (schema as { required: string[] }).required.every((k) => k in (data as object)) ? null : "missing key";
    expect(judgeAssertion(p.assert, expected, check)).toBe("pass");
    expect(judgeAssertion(p.assert, '{"label":"x"}', check)).toBe("fail");
    expect(judgeAssertion(p.assert, "billing", check)).toBe("fail");
  });

  it("bounds length from passed outputs when there is no correction", () => {
    const p = proposeAssertions({ output: "x".repeat(500), passedOutputs: ["billing", "shipping"] });
    expect(p.map((x) => x.kind)).toEqual(["length"]);
    expect(judgeAssertion(p[0]!.assert, "x".repeat(500))).toBe("fail");
    expect(judgeAssertion(p[0]!.assert, "refund")).toBe("pass");
  });

  it("rejects an invalid regex with a SyntaxError", () => {
    expect(() => judgeAssertion({ type: "regex", value: "([a-z" }, "abc")).toThrow(SyntaxError);
  });
});

describe("reviewStats", () => {
  it("counts reviews and failures per day, finds growing failure modes and today's reviewers", () => {
    const at = (day: string) => `${day}T10:00:00.000Z`;
    const stats = reviewStats(
      [
        { reviewer: "ana", verdict: "fail", tags: ["refusal"], createdAt: at("2026-11-22") },
        { reviewer: "ana", verdict: "pass", tags: [], createdAt: at("2026-11-22") },
        { reviewer: "bo", verdict: "fail", tags: ["too-long"], createdAt: at("2026-11-27") },
        { reviewer: "bo", verdict: "fail", tags: ["too-long", "refusal"], createdAt: at("2026-11-28") },
        { reviewer: "cy", verdict: "pass", tags: [], createdAt: at("2026-11-28") },
        { reviewer: "old", verdict: "fail", tags: ["x"], createdAt: at("2026-10-01") },
      ],
      { days: 7, today: "2026-11-28" },
    );
    expect(stats.days.map((d) => d.day)).toEqual([
      "2026-11-22",
      "2026-11-23",
      "2026-11-24",
      "2026-11-25",
      "2026-11-26",
      "2026-11-27",
      "2026-11-28",
    ]);
    expect(stats.days[0]).toEqual({ day: "2026-11-22", reviewed: 2, failed: 1, byTag: { refusal: 1 } });
    expect(stats.days[6]).toMatchObject({ reviewed: 2, failed: 1, byTag: { "too-long": 1, refusal: 1 } });
    expect(stats.tags).toEqual([
      { tag: "too-long", failures: 2, growth: 2 },
      { tag: "refusal", failures: 2, growth: 0 },
    ]);
    expect(stats.reviewersToday).toEqual(["bo", "cy"]);
  });
});
