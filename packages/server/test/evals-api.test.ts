/**
 * Stored eval runs and datasets over real HTTP on loopback, against SQLite and PostgreSQL:
 * a run created, fed in batches, finished, listed, paged (failures only too) and compared;
 * datasets created once per name with idempotent items; auth, project isolation and bad
 * input answered with clear errors.
 */
import type {
  Dataset,
  DatasetItemsPage,
  EvalResult,
  EvalResultsPage,
  EvalRun,
  EvalRunComparison,
  EvalRunsPage,
} from "@genchi/spec";
import { storeBackends } from "@genchi/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../src/app/start-server.js";
import { displayPrefix, generateKey, hashKey } from "../src/platform/keys/project-keys.js";

const keyA = "gk_test_evals_project_a_0123456789";

const result = (i: number, pass: boolean, provider = "openai:chat:gpt-4o-mini"): EvalResult => ({
  description: `case ${i}`,
  vars: { n: i },
  provider,
  pass,
  score: pass ? 1 : 0,
  output: pass ? `label ${i}` : `wrong ${i}`,
  error: null,
  testIndex: i,
  repeat: 0,
  latencyMs: 100 + i,
  costUsd: 0.0002,
});

describe.each(storeBackends)("evals and datasets API on %s", (_name, makeTarget) => {
  let server: RunningServer;
  let cleanup: () => Promise<void>;
  let keyB: string;

  const api = async <T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    key: string | null = keyA,
  ): Promise<{ status: number; body: T }> => {
    const headers: Record<string, string> = {};
    if (key) headers["authorization"] = `Bearer ${key}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as T };
  };

  beforeAll(async () => {
    const target = await makeTarget();
    cleanup = target.cleanup;
    server = await startServer({ db: target.url, port: 0, initProjectKey: keyA, quiet: true });
    const projectB = await server.store.ensureProject("project-b");
    keyB = generateKey("secret");
    await server.store.createKey({
      projectId: projectB.id,
      kind: "secret",
      hash: hashKey(keyB),
      prefix: displayPrefix(keyB),
      name: null,
    });
  });

  afterAll(async () => {
    await server.close();
    await cleanup();
  });

  const storedRun = async (description: string, passes: boolean[]): Promise<EvalRun> => {
    const created = await api<EvalRun>("POST", "/api/v1/evals/runs", {
      description,
      configName: "categorize.yaml",
      providers: ["openai:chat:gpt-4o-mini"],
      total: passes.length,
    });
    expect(created.status).toBe(201);
    const results = passes.map((p, i) => result(i, p));
    for (let at = 0; at < results.length; at += 4) {
      const batch = await api("POST", `/api/v1/evals/runs/${created.body.id}/results`, {
        results: results.slice(at, at + 4),
      });
      expect(batch.status).toBe(200);
    }
    const finished = await api<EvalRun>("PATCH", `/api/v1/evals/runs/${created.body.id}`, {
      status: "finished",
      providerTable: [
        {
          provider: "openai:chat:gpt-4o-mini",
          tests: passes.length,
          passRate: passes.filter(Boolean).length / passes.length,
          latencyP50: 104,
          latencyP95: 109,
          costPer1k: 0.2,
          onFront: true,
        },
      ],
    });
    expect(finished.status).toBe(200);
    return finished.body;
  };

  it("stores a run in batches, lists it newest first, pages its results and failures", async () => {
    const before = await storedRun("before", [true, true, true, false, true, true, true, true, true, true]);
    const after = await storedRun("after", [true, false, false, true, true, true, true, true, true, true]);
    expect(after).toMatchObject({
      status: "finished",
      stats: { passed: 8, failed: 2, errors: 0 },
      passRate: 0.8,
      total: 10,
      configName: "categorize.yaml",
    });
    expect(after.providerTable[0]).toMatchObject({ latencyP95: 109, onFront: true });

    const list = await api<EvalRunsPage>("GET", "/api/v1/evals/runs?limit=1");
    expect(list.body.data.map((r) => r.id)).toEqual([after.id]);
    const next = await api<EvalRunsPage>(
      "GET",
      `/api/v1/evals/runs?limit=1&cursor=${encodeURIComponent(list.body.nextCursor!)}`,
    );
    expect(next.body.data.map((r) => r.id)).toEqual([before.id]);

    const one = await api<EvalRun>("GET", `/api/v1/evals/runs/${after.id}`);
    expect(one.body.description).toBe("after");
    const page = await api<EvalResultsPage>("GET", `/api/v1/evals/runs/${after.id}/results?limit=6`);
    expect(page.body.data.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(page.body.nextCursor).toBe("5");
    const failures = await api<EvalResultsPage>(
      "GET",
      `/api/v1/evals/runs/${after.id}/results?failedOnly=true`,
    );
    expect(failures.body.data.map((r) => [r.description, r.output])).toEqual([
      ["case 1", "wrong 1"],
      ["case 2", "wrong 2"],
    ]);

    const cmp = await api<EvalRunComparison>("GET", `/api/v1/evals/compare?a=${before.id}&b=${after.id}`);
    expect(cmp.status).toBe(200);
    expect(cmp.body.a.id).toBe(before.id);
    expect(cmp.body.comparison.pairs).toBe(10);
    expect(cmp.body.comparison.regressions.map((f) => f.description)).toEqual(["case 1", "case 2"]);
    expect(cmp.body.comparison.improvements.map((f) => f.description)).toEqual(["case 3"]);
    expect(cmp.body.comparison.regressions[0]).toMatchObject({ before: "label 1", after: "wrong 1" });
    expect(cmp.body.comparison.mcnemar.pValue).toBeGreaterThan(0.5);
    expect(cmp.body.comparison.gate).toBe("fail");
    const lenient = await api<EvalRunComparison>(
      "GET",
      `/api/v1/evals/compare?a=${before.id}&b=${after.id}&threshold=20`,
    );
    expect(lenient.body.comparison.gate).toBe("pass");
  });

  it("needs a key, and keeps one project's runs and datasets from another", async () => {
    const run = await storedRun("private", [true]);
    expect((await api("GET", "/api/v1/evals/runs", undefined, null)).status).toBe(401);
    expect((await api("GET", "/api/v1/datasets", undefined, null)).status).toBe(401);
    expect((await api("GET", "/api/v1/evals/runs", undefined, "gk_nope_000000000000")).status).toBe(401);

    const theirs = await api<EvalRunsPage>("GET", "/api/v1/evals/runs", undefined, keyB);
    expect(theirs.body.data).toEqual([]);
    const get = await api<{ error: { code: string; message: string } }>(
      "GET",
      `/api/v1/evals/runs/${run.id}`,
      undefined,
      keyB,
    );
    expect(get.status).toBe(404);
    expect(get.body.error.code).toBe("GENCHI_NOT_FOUND");
    expect((await api("GET", `/api/v1/evals/runs/${run.id}/results`, undefined, keyB)).status).toBe(404);
    expect(
      (await api("POST", `/api/v1/evals/runs/${run.id}/results`, { results: [result(9, true)] }, keyB))
        .status,
    ).toBe(404);
    expect((await api("PATCH", `/api/v1/evals/runs/${run.id}`, {}, keyB)).status).toBe(404);
    expect((await api("GET", `/api/v1/evals/compare?a=${run.id}&b=${run.id}`, undefined, keyB)).status).toBe(
      404,
    );

    await api("POST", "/api/v1/datasets", { name: "secret-set" });
    expect((await api<{ data: Dataset[] }>("GET", "/api/v1/datasets", undefined, keyB)).body.data).toEqual(
      [],
    );
    expect((await api("GET", "/api/v1/datasets/secret-set/items", undefined, keyB)).status).toBe(404);
  });

  it("answers bad input with a 400 that names the field", async () => {
    const bad = await api<{ error: { code: string; message: string; field?: string } }>(
      "POST",
      "/api/v1/evals/runs",
      { providers: "gpt" },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "GENCHI_VALIDATION", field: "providers" });
    const run = await storedRun("x", [true]);
    const open = await api<EvalRun>("POST", "/api/v1/evals/runs", {});
    const empty = await api<{ error: { message: string } }>(
      "POST",
      `/api/v1/evals/runs/${open.body.id}/results`,
      { results: [{ description: "no pass field" }] },
    );
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/^results\.0\.\w+/);
    const late = await api<{ error: { message: string } }>("POST", `/api/v1/evals/runs/${run.id}/results`, {
      results: [result(1, true)],
    });
    expect(late.status).toBe(400);
    expect(late.body.error.message).toMatch(/finished/);
    const json = await api<{ error: { code: string } }>("POST", "/api/v1/evals/runs", "{nope");
    expect(json.body.error.code).toBe("GENCHI_BAD_JSON");
    const q = await api<{ error: { message: string } }>("GET", "/api/v1/evals/runs?limit=0");
    expect(q.status).toBe(400);
    expect(q.body.error.message).toMatch(/query parameter limit/);
    const cmp = await api<{ error: { message: string } }>("GET", "/api/v1/evals/compare?a=x");
    expect(cmp.status).toBe(400);
    expect(cmp.body.error.message).toMatch(/b/);
    const name = await api<{ error: { message: string } }>("POST", "/api/v1/datasets", { name: "has space" });
    expect(name.status).toBe(400);
    expect(name.body.error.message).toMatch(/^name: use letters/);
  });

  it("creates a dataset once per name, adds items idempotently, lists them by name or id", async () => {
    const made = await api<Dataset>("POST", "/api/v1/datasets", {
      name: "categorize-golden",
      route: "categorize",
    });
    expect(made.status).toBe(201);
    const again = await api<Dataset>("POST", "/api/v1/datasets", { name: "categorize-golden" });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(made.body.id);
    const added = await api<{ stored: number; duplicates: number }>(
      "POST",
      "/api/v1/datasets/categorize-golden/items",
      {
        items: [
          { id: "t1", vars: { ticket: "charged twice" }, expected: "contains: billing", sourceCallId: "c-1" },
          { id: "t2", vars: { ticket: "parcel late" }, expected: "contains: shipping" },
        ],
      },
    );
    expect(added).toEqual({
      status: 201,
      body: expect.objectContaining({ stored: 2, duplicates: 0 }),
    });
    const retried = await api<{ stored: number; duplicates: number }>(
      "POST",
      `/api/v1/datasets/${made.body.id}/items`,
      { items: [{ id: "t2", vars: { ticket: "parcel late" } }] },
    );
    expect(retried.body).toMatchObject({ stored: 0, duplicates: 1 });
    const items = await api<DatasetItemsPage>("GET", "/api/v1/datasets/categorize-golden/items?limit=1");
    expect(items.body.data[0]).toMatchObject({
      id: "t1",
      vars: { ticket: "charged twice" },
      sourceCallId: "c-1",
    });
    const rest = await api<DatasetItemsPage>(
      "GET",
      `/api/v1/datasets/categorize-golden/items?cursor=${items.body.nextCursor}`,
    );
    expect(rest.body.data.map((i) => i.id)).toEqual(["t2"]);
    const list = await api<{ data: Dataset[] }>("GET", "/api/v1/datasets");
    expect(list.body.data.find((d) => d.name === "categorize-golden")?.itemCount).toBe(2);
    const missing = await api<{ error: { code: string } }>("POST", "/api/v1/datasets/nope/items", {
      items: [{ vars: {} }],
    });
    expect(missing.status).toBe(404);
    const noItems = await api<{ error: { message: string } }>(
      "POST",
      "/api/v1/datasets/categorize-golden/items",
      {
        items: [],
      },
    );
    expect(noItems.status).toBe(400);
    expect(noItems.body.error.message).toMatch(/^items/);
  });
});
