/**
 * The evals demo step against a real server: the golden dataset, five stored runs made by the
 * eval engine against the scripted upstream answering as the demo's models (production, a
 * migration with flips both ways, 5 repeats with flaky tests, three models with a
 * recommendation), and the same numbers again for the same seed. (How fast it runs is not asserted: tests do not depend on the
 * machine's speed.)
 */

import { type RunningServer, startServer } from "@genchi/server";
import type { Dataset, EvalRun, EvalRunComparison, EvalRunsPage } from "@genchi/spec";
import { createTempSqlitePath } from "@genchi/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDemo } from "../src/run-demo.js";
import { demoDatasetName, evalsDemoStep } from "../src/scenarios/evals.js";

const key = "gk_test_demo_evals_0123456789abcdef";

describe("evals demo step", () => {
  let server: RunningServer;
  let tmp: ReturnType<typeof createTempSqlitePath>;
  const lines: string[] = [];
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };
  const runs = async () => (await get<EvalRunsPage>("/api/v1/evals/runs?limit=50")).data;
  const byDescription = (all: EvalRun[], part: string) => {
    const run = all.find((r) => r.description.includes(part));
    expect(run, part).toBeDefined();
    return run!;
  };

  beforeAll(async () => {
    tmp = createTempSqlitePath();
    server = await startServer({ db: tmp.path, port: 0, initProjectKey: key, quiet: true });
    await runDemo(
      { url: server.url, key, seed: 42, calls: 0, nowMs: Date.now(), log: (l) => lines.push(l) },
      [evalsDemoStep],
    );
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    tmp?.remove();
  });

  it("stores the golden dataset and five finished runs", async () => {
    expect(lines.some((l) => /demo: 5 eval runs of 'categorize'/.test(l))).toBe(true);
    const datasets = await get<{ data: Dataset[] }>("/api/v1/datasets");
    expect(datasets.data.find((d) => d.name === demoDatasetName)).toMatchObject({
      route: "categorize",
      itemCount: 40,
    });
    const all = await runs();
    expect(all).toHaveLength(5);
    expect(all.every((r) => r.status === "finished")).toBe(true);
    const production = byDescription(all, "production");
    expect(production.stats.passed + production.stats.failed).toBe(40);
    expect(production.passRate).toBeGreaterThan(0.7);
    expect(production.passRate).toBeLessThan(1);
  });

  it("holds a migration whose cases flip both ways", async () => {
    const all = await runs();
    const before = byDescription(all, "before migration");
    const after = byDescription(all, "after migration");
    const diff = await get<EvalRunComparison>(`/api/v1/evals/compare?a=${before.id}&b=${after.id}`);
    expect(diff.comparison.pairs).toBe(40);
    expect(diff.comparison.regressions.length).toBeGreaterThan(0);
    expect(diff.comparison.improvements.length).toBeGreaterThan(0);
    expect(diff.comparison.regressions[0]?.before).not.toBe(diff.comparison.regressions[0]?.after);
  });

  it("holds a repeated run with flaky tests and a smallest-model table", async () => {
    const all = await runs();
    const listed = byDescription(all, "5 repeats");
    expect(listed.repeatMetrics).toEqual([]); // lists leave them out
    const repeated = await get<EvalRun>(`/api/v1/evals/runs/${listed.id}`);
    expect(repeated.flakyTests).toBe(repeated.repeatMetrics.filter((r) => r.flaky).length);
    expect(listed.flakyTests).toBe(repeated.flakyTests);
    expect(repeated.stats.passed + repeated.stats.failed + repeated.stats.errors).toBe(200);
    expect(repeated.repeatMetrics).toHaveLength(40);
    const flaky = repeated.repeatMetrics.filter((r) => r.flaky);
    expect(flaky.length).toBeGreaterThan(0);
    expect(repeated.repeatMetrics[0]?.flaky).toBe(true);
    const models = byDescription(all, "which model");
    expect(models.providerTable.map((p) => p.provider).sort()).toEqual([
      "openai:chat:gpt-4.1-nano-2025-04-14",
      "openai:chat:gpt-4o-2024-08-06",
      "openai:chat:gpt-4o-mini-2024-07-18",
    ]);
    expect(models.providerTable.every((p) => p.costPer1k !== null && p.latencyP50 !== null)).toBe(true);
    expect(models.providerTable.some((p) => p.onFront)).toBe(true);
    expect(models.recommendation).toMatchObject({ type: "recommended" });
  });

  it("gives the same numbers again for the same seed", async () => {
    const first = await runs();
    await runDemo({ url: server.url, key, seed: 42, calls: 0, nowMs: Date.now(), log: () => {} }, [
      evalsDemoStep,
    ]);
    const all = await runs();
    expect(all).toHaveLength(10);
    const again = all.slice(0, 5);
    for (const run of first) {
      const twin = again.find((r) => r.description === run.description)!;
      expect(twin.stats, run.description).toEqual(run.stats);
    }
    const datasets = await get<{ data: Dataset[] }>("/api/v1/datasets");
    expect(datasets.data.find((d) => d.name === demoDatasetName)?.itemCount).toBe(40);
  });
});
