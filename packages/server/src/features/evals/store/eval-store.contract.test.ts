/** The EvalStore contract, run unchanged on SQLite and PostgreSQL. */
import type { EvalResult } from "@genchi/spec";
import { type StoreTarget, storeBackends } from "@genchi/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../../app/open-store.js";
import type { Store } from "../../../platform/store/store.js";

const result = (i: number, pass: boolean, error: string | null = null): EvalResult => ({
  description: `case ${i}`,
  vars: { n: i },
  provider: "openai:chat:gpt-4o-mini",
  pass,
  score: pass ? 1 : 0,
  output: `label ${i}`,
  error,
  testIndex: i,
  repeat: 0,
  latencyMs: 10 + i,
  costUsd: 0.0001,
});

describe.each(storeBackends)("EvalStore on %s", (_name, makeTarget) => {
  let target: StoreTarget | undefined;
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    await target?.cleanup();
  });
  const open = async () => {
    target = await makeTarget();
    store = await openStore(target.url);
    return store;
  };

  it("creates a run, appends batches in order, counts them, finishes with the summary", async () => {
    const s = await open();
    const a = await s.ensureProject("a");
    const run = await s.evals.createRun(a.id, {
      description: "categorize",
      configName: "categorize.yaml",
      providers: ["openai:chat:gpt-4o-mini"],
      total: 5,
    });
    expect(run).toMatchObject({
      status: "running",
      finishedAt: null,
      stats: { passed: 0, failed: 0, errors: 0 },
      passRate: null,
      total: 5,
      providers: ["openai:chat:gpt-4o-mini"],
    });
    expect(await s.evals.appendResults(a.id, run.id, [result(0, true), result(1, false)])).toBe(2);
    expect(
      await s.evals.appendResults(a.id, run.id, [result(2, true), result(3, false, "boom"), result(4, true)]),
    ).toBe(5);
    const running = await s.evals.getRun(a.id, run.id);
    expect(running?.stats).toEqual({ passed: 3, failed: 1, errors: 1 });
    expect(running?.passRate).toBeCloseTo(0.6);

    const page1 = await s.evals.listResults(a.id, run.id, { limit: 3, failedOnly: false });
    expect(page1.data.map((r) => [r.index, r.description])).toEqual([
      [0, "case 0"],
      [1, "case 1"],
      [2, "case 2"],
    ]);
    expect(page1.data[0]).toMatchObject({ vars: { n: 0 }, output: "label 0", latencyMs: 10 });
    const page2 = await s.evals.listResults(a.id, run.id, {
      limit: 3,
      failedOnly: false,
      cursor: page1.nextCursor!,
    });
    expect(page2.data.map((r) => r.index)).toEqual([3, 4]);
    expect(page2.nextCursor).toBeNull();
    const failed = await s.evals.listResults(a.id, run.id, { limit: 10, failedOnly: true });
    expect(failed.data.map((r) => [r.description, r.error])).toEqual([
      ["case 1", null],
      ["case 3", "boom"],
    ]);

    const finished = await s.evals.finishRun(a.id, run.id, {
      providerTable: [
        {
          provider: "openai:chat:gpt-4o-mini",
          tests: 5,
          passRate: 0.6,
          latencyP50: 12,
          latencyP95: 14,
          costPer1k: 0.1,
          onFront: true,
        },
      ],
      recommendation: {
        type: "recommended",
        provider: "openai:chat:gpt-4o-mini",
        passRate: 0.6,
        bestPassRate: 0.6,
        tolerance: 5,
      },
    });
    expect(finished?.status).toBe("finished");
    expect(finished?.flakyTests).toBeNull();
    expect(finished?.finishedAt).not.toBeNull();
    expect(finished?.providerTable[0]?.latencyP95).toBe(14);
    expect(finished?.recommendation).toMatchObject({ provider: "openai:chat:gpt-4o-mini" });
    await expect(s.evals.appendResults(a.id, run.id, [result(5, true)])).rejects.toThrow(/finished/);
  });

  it("keeps projects apart and lists runs newest first with a cursor", async () => {
    const s = await open();
    const a = await s.ensureProject("a");
    const b = await s.ensureProject("b");
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await s.evals.createRun(a.id, { description: `run ${i}`, configName: "x.yaml" })).id);
      await new Promise((r) => setTimeout(r, 3));
    }
    await s.evals.createRun(a.id, { description: "other", configName: "y.yaml" });
    const other = await s.evals.createRun(b.id, { description: "b's run" });
    await s.evals.appendResults(b.id, other.id, [result(0, true)]);

    const first = await s.evals.listRuns(a.id, { limit: 2, configName: "x.yaml" });
    expect(first.data.map((r) => r.description)).toEqual(["run 2", "run 1"]);
    const rest = await s.evals.listRuns(a.id, { limit: 2, configName: "x.yaml", cursor: first.nextCursor! });
    expect(rest.data.map((r) => r.description)).toEqual(["run 0"]);
    expect(rest.nextCursor).toBeNull();
    expect((await s.evals.listRuns(a.id, { limit: 50 })).data).toHaveLength(4);
    expect((await s.evals.listRuns(b.id, { limit: 50 })).data.map((r) => r.id)).toEqual([other.id]);

    expect(await s.evals.getRun(a.id, other.id)).toBeNull();
    expect(await s.evals.appendResults(a.id, other.id, [result(1, true)])).toBeNull();
    expect(await s.evals.finishRun(a.id, other.id, {})).toBeNull();
    expect((await s.evals.listResults(a.id, other.id, { limit: 10, failedOnly: false })).data).toEqual([]);
    expect((await s.evals.getRun(b.id, other.id))?.stats.passed).toBe(1);
  });

  it("keeps repeat metrics out of run lists, with the flaky count", async () => {
    const s = await open();
    const a = await s.ensureProject("a");
    const run = await s.evals.createRun(a.id, { description: "repeated" });
    const row = (testIndex: number, passes: number) => ({
      testIndex,
      description: `case ${testIndex}`,
      provider: "p",
      prompt: "",
      runs: 3,
      passes,
      passRate: passes / 3,
      passAll: passes === 3,
      passAny: passes > 0,
      flaky: passes > 0 && passes < 3,
      consistency: 0.5,
    });
    await s.evals.finishRun(a.id, run.id, { repeatMetrics: [row(1, 1), row(0, 3), row(2, 2)] });
    const one = await s.evals.getRun(a.id, run.id);
    expect(one?.repeatMetrics.map((r) => r.testIndex)).toEqual([1, 0, 2]);
    expect(one?.flakyTests).toBe(2);
    const listed = (await s.evals.listRuns(a.id, { limit: 10 })).data[0];
    expect(listed?.repeatMetrics).toEqual([]);
    expect(listed?.flakyTests).toBe(2);
  });

  it("stores a large batch in one append", async () => {
    const s = await open();
    const a = await s.ensureProject("a");
    const run = await s.evals.createRun(a.id, { description: "big" });
    const batch = Array.from({ length: 2500 }, (_, i) => result(i, i % 10 !== 0));
    expect(await s.evals.appendResults(a.id, run.id, batch)).toBe(2500);
    const failed = await s.evals.listResults(a.id, run.id, { limit: 1000, failedOnly: true });
    expect(failed.data).toHaveLength(250);
    expect(failed.data[249]?.index).toBe(2490);
  });
});
