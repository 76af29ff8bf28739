/** The demo's models/shadow step: models seen show a silently updated alias and a pinned id; the shadow report has pairs. */

import { modelsDemoStep } from "@genchi/demo";
import type { ModelPinsView, ModelSeen, ShadowReport } from "@genchi/spec";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayHarness, startGatewayHarness } from "./gateway-harness.js";

describe("demo step: models and shadow", () => {
  let h: GatewayHarness;
  beforeAll(async () => {
    h = await startGatewayHarness();
    const lines: string[] = [];
    await modelsDemoStep.run({
      url: h.server.url,
      key: h.key,
      seed: 42,
      nowMs: Date.now(),
      log: (l) => lines.push(l),
    });
    // Idempotent: a second run stores nothing new.
    await modelsDemoStep.run({ url: h.server.url, key: h.key, seed: 42, nowMs: Date.now(), log: () => {} });
    expect(lines.length).toBe(1);
  });
  afterAll(async () => {
    await h?.close();
  });
  const get = async <T>(path: string) =>
    (await (
      await fetch(`${h.server.url}${path}`, { headers: { authorization: `Bearer ${h.key}` } })
    ).json()) as T;

  it("models seen: the floating alias changed served snapshot, the pinned one did not", async () => {
    const { data } = await get<{ data: ModelSeen[] }>("/api/v1/models");
    expect(data.find((m) => m.requestedModel === "claude-3-5-sonnet-latest")).toMatchObject({
      kind: "floating",
      servedChanged: true,
    });
    expect(data.find((m) => m.requestedModel === "gpt-4o-2024-08-06")).toMatchObject({
      kind: "pinned",
      servedChanged: false,
    });
  });

  it("the categorize shadow report compares 40 pairs against the cheaper candidate", async () => {
    const report = await get<ShadowReport>("/api/v1/shadow/report?route=categorize");
    expect(report.summary.pairs).toBe(40);
    expect(report.summary.exactMatchRate).toBeGreaterThan(0.4);
    expect(report.summary.exactMatchRate).toBeLessThan(1);
    expect(report.summary.totalCandidateCostUsd).toBeLessThan(report.summary.totalPrimaryCostUsd);
  });

  it("the categorize route has a suite: its assertions run on both sides, the judge is skipped", async () => {
    const report = await get<ShadowReport>("/api/v1/shadow/report?route=categorize");
    const suite = report.suite!;
    expect(suite.error).toBeNull();
    expect(suite.assertions.map((a) => a.type)).toEqual([
      "is-json",
      "javascript",
      "not-icontains",
      "llm-rubric",
    ]);
    const [isJson, known, , rubric] = suite.assertions;
    // The primary always answers JSON with a known category; the candidate sometimes answers prose or fails.
    expect(isJson!.primaryPassRate).toBe(1);
    expect(known!.primaryPassRate).toBe(1);
    expect(isJson!.candidatePassRate).toBeLessThan(1);
    expect(isJson!.flips.length).toBe(Math.round((1 - isJson!.candidatePassRate!) * 40));
    expect(rubric!.skipped).not.toBeNull();
    expect(suite.candidatePassRate).toBeLessThan(suite.primaryPassRate!);
    const { pins } = await get<ModelPinsView>("/api/v1/models/pins");
    expect(pins).toContainEqual({
      route: null,
      alias: "gpt-4o-mini",
      pinned: "gpt-4o-mini-2024-07-18",
      origin: "api",
    });
  });
});
