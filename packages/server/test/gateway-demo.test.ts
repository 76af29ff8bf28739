/** The demo's models/shadow step: models seen show a silently updated alias and a pinned id; the shadow report has pairs. */
import type { ModelSeen, ShadowReport } from "@genchi/spec";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modelsDemoStep } from "../src/gateway/demo-models-step.js";
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
});
