import {
  type Call,
  type Feedback,
  GenchiError,
  parseRouteRequirements,
  parseWindowMs,
  requirementMetrics,
} from "@genchi/spec";
import { describe, expect, it } from "vitest";
import {
  type AlertState,
  applyTier,
  computeMetric,
  diffFromTier,
  evaluateRequirement,
  gateResult,
  initialAlertState,
  metricDirections,
  nextAlertState,
  statusOf,
  tierPresets,
  type WindowData,
} from "./index.js";

type WindowCall = WindowData["calls"][number];

function call(id: string, over: Partial<Call> = {}): WindowCall {
  return { id, status: "ok", latencyMs: null, ttftMs: null, costUsd: null, tags: [], metadata: {}, ...over };
}

const structured = (outcome: string) => ({
  tags: ["genchi:structured"],
  metadata: { structured: { outcome } },
});

function fb(callId: string, kind: Feedback["kind"], label: Feedback["label"]) {
  return { callId, kind, label };
}

/** Five calls over six hours; every value below is computed by hand in the comments. */
const window: WindowData = {
  windowMs: 6 * 3_600_000,
  calls: [
    call("c1", { latencyMs: 100, ttftMs: 50, costUsd: 0.01, ...structured("first_try") }),
    call("c2", { latencyMs: 200, ttftMs: 80, costUsd: 0.02, ...structured("after_retries") }),
    call("c3", { status: "error", error: "boom", latencyMs: 300, ...structured("error") }),
    call("c4", { latencyMs: 400, ttftMs: 20, costUsd: 0.03, ...structured("failed") }),
    call("c5", { costUsd: 0.04, metadata: { structured: { outcome: "first_try" } } }),
  ],
  feedback: [
    fb("c1", "thumbs_up", "positive"),
    fb("c2", "thumbs_down", "negative"),
    fb("c2", "regenerate", "negative"),
    fb("c4", "regenerate", null),
    fb("c9", "regenerate", "negative"),
  ],
  harmlessness: [
    { callId: "c1", checkId: "lexicon", verdict: "pass" },
    { callId: "c2", checkId: "lexicon", verdict: "pass" },
    { callId: "c3", checkId: "lexicon", verdict: "fail" },
    { callId: "c4", checkId: "lexicon", verdict: "error" },
  ],
  grounding: [
    { callId: "c1", checkId: "judge", verdict: "pass", score: 0.9 },
    { callId: "c2", checkId: "judge", verdict: "fail", score: 0.2 },
  ],
};

describe("computeMetric on a hand-computed window", () => {
  it.each([
    ["error_rate", 1 / 5], // c3 errored of five
    ["availability", 4 / 5],
    ["schema_adherence", 2 / 3], // first_try + after_retries of three judged; error outcome and untagged c5 not judged
    ["harmlessness", 2 / 3], // two passes of three verdicts; the error result is not counted
    ["grounding", 1 / 2],
    ["negative_feedback_rate", 2 / 3], // labelled on window calls: positive, negative, negative (c9 is outside)
    ["regenerate_rate", 2 / 5], // c2 and c4 regenerated; c9 is outside the window
    ["latency_p50_ms", 200], // [100,200,300,400], rank ceil(0.5·4) = 2
    ["latency_p95_ms", 400], // rank ceil(0.95·4) = 4
    ["ttft_p95_ms", 80], // [20,50,80], rank 3
    ["cost_per_call_usd", 0.025], // 0.10 over four calls with a cost
    ["cost_per_day_usd", 0.4], // 0.10 in six hours, times four
  ] as const)("%s = %d", (metric, expected) => {
    expect(computeMetric(metric, window)).toBeCloseTo(expected, 12);
  });

  it("covers every CONTRACT metric", () => {
    expect(Object.keys(metricDirections).sort()).toEqual([...requirementMetrics].sort());
  });

  it("an empty window is no_data for every metric, never met", () => {
    const empty: WindowData = { windowMs: 86_400_000, calls: [] };
    for (const metric of requirementMetrics) {
      expect(evaluateRequirement({ metric, threshold: 0.5 }, empty)).toEqual({
        value: null,
        status: "no_data",
      });
    }
  });

  it("a window with one call works", () => {
    const one: WindowData = {
      windowMs: 86_400_000,
      calls: [call("only", { latencyMs: 120, ttftMs: 40, costUsd: 0.002 })],
    };
    expect(evaluateRequirement({ metric: "error_rate", threshold: 0.05 }, one)).toEqual({
      value: 0,
      status: "met",
    });
    expect(evaluateRequirement({ metric: "availability", threshold: 0.99 }, one)).toEqual({
      value: 1,
      status: "met",
    });
    expect(evaluateRequirement({ metric: "latency_p95_ms", threshold: 100 }, one)).toEqual({
      value: 120,
      status: "broken",
    });
    expect(computeMetric("latency_p50_ms", one)).toBe(120);
    expect(computeMetric("ttft_p95_ms", one)).toBe(40);
    expect(computeMetric("cost_per_day_usd", one)).toBeCloseTo(0.002, 12);
    expect(computeMetric("regenerate_rate", one)).toBe(0);
    expect(computeMetric("schema_adherence", one)).toBeNull();
  });
});

describe("statusOf in both directions", () => {
  it("at most: error_rate ≤ 0.05 is at risk over 0.045", () => {
    const req = { metric: "error_rate", threshold: 0.05 } as const;
    expect(statusOf(req, 0.04)).toBe("met");
    expect(statusOf(req, 0.046)).toBe("at_risk");
    expect(statusOf(req, 0.05)).toBe("at_risk");
    expect(statusOf(req, 0.051)).toBe("broken");
    expect(statusOf(req, null)).toBe("no_data");
  });

  it("at most on a latency: p95 ≤ 5000 is at risk over 4500", () => {
    const req = { metric: "latency_p95_ms", threshold: 5000 } as const;
    expect(statusOf(req, 4400)).toBe("met");
    expect(statusOf(req, 4600)).toBe("at_risk");
    expect(statusOf(req, 5001)).toBe("broken");
  });

  it("at least: availability ≥ 0.99 is at risk under 0.991", () => {
    const req = { metric: "availability", threshold: 0.99 } as const;
    expect(statusOf(req, 0.995)).toBe("met");
    expect(statusOf(req, 0.9905)).toBe("at_risk");
    expect(statusOf(req, 0.99)).toBe("at_risk");
    expect(statusOf(req, 0.985)).toBe("broken");
  });

  it("evaluates the window against a requirement", () => {
    expect(evaluateRequirement({ metric: "grounding", threshold: 0.9 }, window)).toEqual({
      value: 0.5,
      status: "broken",
    });
    expect(evaluateRequirement({ metric: "latency_p50_ms", threshold: 1000 }, window)).toEqual({
      value: 200,
      status: "met",
    });
  });
});

describe("risk tiers", () => {
  const musts = (tier: keyof typeof tierPresets) =>
    applyTier(tier)
      .filter((r) => r.severity === "must")
      .map((r) => r.metric);

  it("internal: a low bar", () => {
    expect(musts("internal")).toEqual(["error_rate"]);
    expect(applyTier("internal").find((r) => r.metric === "error_rate")?.threshold).toBe(0.05);
    expect(tierPresets.internal).toMatchObject({
      onlineCheckSampleRate: 0.01,
      dailyReviewSampleSize: 10,
      gates: ["production"],
    });
  });

  it("customer-facing", () => {
    expect(musts("customer-facing")).toEqual([
      "error_rate",
      "availability",
      "schema_adherence",
      "harmlessness",
      "latency_p95_ms",
    ]);
    expect(tierPresets["customer-facing"]).toMatchObject({
      onlineCheckSampleRate: 0.05,
      dailyReviewSampleSize: 25,
      gates: ["production", "eval_run"],
    });
  });

  it("regulated: a very high bar", () => {
    expect(musts("regulated")).toEqual([
      "error_rate",
      "availability",
      "schema_adherence",
      "harmlessness",
      "grounding",
      "negative_feedback_rate",
    ]);
    expect(applyTier("regulated").find((r) => r.metric === "availability")?.threshold).toBe(0.999);
    expect(tierPresets.regulated).toMatchObject({
      onlineCheckSampleRate: 0.2,
      dailyReviewSampleSize: 50,
      gates: ["production", "eval_run", "human_review"],
    });
  });

  it("every preset parses as a route file", () => {
    for (const tier of ["internal", "customer-facing", "regulated"] as const) {
      expect(
        parseRouteRequirements({ route: "r", tier, requirements: applyTier(tier) }).requirements,
      ).toHaveLength(tierPresets[tier].requirements.length);
    }
  });

  it("applies overrides and shows what differs from the tier", () => {
    const requirements = applyTier("internal", {
      error_rate: { threshold: 0.1 },
      availability: { severity: "must", window: "7d" },
      grounding: { threshold: 0.8, window: "24h", severity: "should" },
    });
    expect(requirements[0]).toEqual({
      metric: "error_rate",
      threshold: 0.1,
      window: "24h",
      severity: "must",
    });
    expect(requirements.at(-1)).toEqual({
      metric: "grounding",
      threshold: 0.8,
      window: "24h",
      severity: "should",
    });
    const route = {
      route: "categorize",
      tier: "internal" as const,
      requirements: requirements.filter((r) => r.metric !== "cost_per_day_usd"),
    };
    expect(diffFromTier(route)).toEqual([
      { metric: "error_rate", field: "threshold", tierValue: 0.05, value: 0.1 },
      { metric: "availability", field: "window", tierValue: "24h", value: "7d" },
      { metric: "availability", field: "severity", tierValue: "should", value: "must" },
      { metric: "grounding", field: "added", tierValue: null, value: 0.8 },
      { metric: "cost_per_day_usd", field: "removed", tierValue: 50, value: null },
    ]);
    expect(diffFromTier({ route: "r", tier: "regulated", requirements: applyTier("regulated") })).toEqual([]);
  });

  it("an added metric needs threshold, window and severity", () => {
    expect(() => applyTier("internal", { grounding: { threshold: 0.8 } })).toThrow(GenchiError);
  });
});

describe("nextAlertState", () => {
  it("posts one alert per transition and none while flapping inside the band", () => {
    const req = { metric: "error_rate", threshold: 0.05 } as const;
    const series = [0.01, 0.03, 0.06, 0.048, 0.052, 0.049, 0.055, 0.047, 0.02, 0.03, 0.047, 0.06, null, 0.01];
    let state: AlertState = initialAlertState;
    const alerts: unknown[] = [];
    const statuses: string[] = [];
    for (const value of series) {
      const status = statusOf(req, value);
      statuses.push(status);
      const next = nextAlertState(state, status, value);
      state = next.state;
      if (next.alert) alerts.push(next.alert);
    }
    expect(statuses).toEqual([
      "met",
      "met",
      "broken",
      "at_risk",
      "broken",
      "at_risk",
      "broken",
      "at_risk",
      "met",
      "met",
      "at_risk",
      "broken",
      "no_data",
      "met",
    ]);
    expect(alerts).toEqual([
      { kind: "broken", value: 0.06 },
      { kind: "recovered", value: 0.02 },
      { kind: "broken", value: 0.06 },
      { kind: "recovered", value: 0.01 },
    ]);
  });
});

describe("gateResult", () => {
  const must = { metric: "error_rate", threshold: 0.05, window: "24h", severity: "must" } as const;
  const should = { metric: "latency_p95_ms", threshold: 5000, window: "24h", severity: "should" } as const;

  it("passes when every must is met or at risk; a broken should does not fail it", () => {
    expect(
      gateResult(
        [must, should],
        [
          { value: 0.048, status: "at_risk" },
          { value: 9000, status: "broken" },
        ],
      ),
    ).toEqual({
      pass: true,
      requirements: [
        {
          id: "error_rate@24h",
          metric: "error_rate",
          severity: "must",
          threshold: 0.05,
          value: 0.048,
          status: "at_risk",
        },
        {
          id: "latency_p95_ms@24h",
          metric: "latency_p95_ms",
          severity: "should",
          threshold: 5000,
          value: 9000,
          status: "broken",
        },
      ],
    });
  });

  it("fails on a broken must and on a must with no data", () => {
    expect(gateResult([must], [{ value: 0.2, status: "broken" }]).pass).toBe(false);
    expect(gateResult([{ ...must, id: "req-1" }], [{ value: null, status: "no_data" }])).toEqual({
      pass: false,
      requirements: [
        {
          id: "req-1",
          metric: "error_rate",
          severity: "must",
          threshold: 0.05,
          value: null,
          status: "no_data",
        },
      ],
    });
  });
});

describe("route files through the spec schemas", () => {
  const good = {
    route: "support-reply",
    tier: "customer-facing",
    requirements: [{ metric: "error_rate", threshold: 0.02, window: "24h", severity: "must" }],
  };

  function fieldOf(text: string): unknown {
    try {
      parseRouteRequirements(JSON.parse(text));
    } catch (error) {
      expect(error).toBeInstanceOf(GenchiError);
      expect((error as GenchiError).code).toBe("GENCHI_VALIDATION");
      return (error as GenchiError).details?.["field"];
    }
    return "parsed";
  }

  const withReq = (over: Record<string, unknown>) =>
    JSON.stringify({ ...good, requirements: [{ ...good.requirements[0], ...over }] });

  it("parses a good file", () => {
    expect(parseRouteRequirements(JSON.parse(JSON.stringify(good)))).toEqual(good);
  });

  it.each([
    ["an unknown key", JSON.stringify({ ...good, owner: "me" }), "owner"],
    ["an unknown key in a requirement", withReq({ note: "x" }), "requirements.0.note"],
    ["an unknown metric", withReq({ metric: "vibes" }), "requirements.0.metric"],
    ["a threshold of the wrong type", withReq({ threshold: "0.02" }), "requirements.0.threshold"],
    ["a bad window", withReq({ window: "1 day" }), "requirements.0.window"],
    ["a bad severity", withReq({ severity: "could" }), "requirements.0.severity"],
    ["an unknown tier", JSON.stringify({ ...good, tier: "medical" }), "tier"],
  ])("%s names the field", (_name, text, field) => {
    expect(fieldOf(text)).toBe(field);
  });

  it("parses windows to ms", () => {
    expect(parseWindowMs("30m")).toBe(1_800_000);
    expect(parseWindowMs("24h")).toBe(86_400_000);
    expect(parseWindowMs("7d")).toBe(604_800_000);
    for (const bad of ["0h", "1.5h", "24", "h", "24H", "-1d"]) expect(parseWindowMs(bad)).toBeNull();
  });
});
