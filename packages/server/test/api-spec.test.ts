/**
 * The REST API declared in @genchi/spec (`api`) against the server that answers it, over real
 * HTTP on loopback (SQLite): every declared endpoint is a route the server registered and every
 * `/api` route the server registered is declared; each endpoint asks for the key it declares;
 * and a walk through the product with the SDK's `createGenchiApi` in `validate` mode checks that
 * every answer has the shape spec declares.
 */

import { createGenchiApi, GenchiApiError } from "@genchi/sdk";
import { startServer } from "@genchi/server";
import { allEndpoints } from "@genchi/spec";
import { createTempSqlitePath } from "@genchi/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const key = "gk_test_api_spec_key_0123456789";

type RunningServer = Awaited<ReturnType<typeof startServer>>;

/** `/a/:id/b` → `/a/:/b`: parameter names differ between routes sharing a node. */
const shapeOf = (path: string) => path.replace(/:[A-Za-z0-9_|:]+/g, ":");

/** The routes of fastify's printRoutes tree as `METHOD /full/path` (HEAD and OPTIONS left out). */
function registeredRoutes(tree: string): Set<string> {
  const stack: string[] = [];
  const out = new Set<string>();
  for (const line of tree.split("\n")) {
    const m = /^([│ ]*)(?:├── |└── )(.*) \(([A-Z, ]+)\)$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const path = (depth > 0 ? stack[depth - 1]! : "") + m[2]!;
    stack[depth] = path;
    for (const method of m[3]!.split(", ")) {
      if (method === "HEAD" || method === "OPTIONS") continue;
      out.add(`${method} ${shapeOf(path)}`);
    }
  }
  return out;
}

describe("the REST API as declared in spec", () => {
  let server: RunningServer;
  let tmp: ReturnType<typeof createTempSqlitePath>;

  beforeAll(async () => {
    tmp = createTempSqlitePath();
    server = await startServer({ db: tmp.path, port: 0, initProjectKey: key, quiet: true, jobs: false });
  });

  afterAll(async () => {
    await server?.close();
    tmp?.remove();
  });

  it("declares exactly the /api routes the server registers", () => {
    const registered = [...registeredRoutes(server.app.printRoutes({ commonPrefix: false }))].filter((r) =>
      r.split(" ")[1]!.startsWith("/api"),
    );
    const declared = allEndpoints().map(({ endpoint: e }) => `${e.method} ${shapeOf(e.path)}`);
    expect(new Set(declared).size).toBe(declared.length);
    expect([...declared].sort()).toEqual([...new Set(registered)].sort());
    expect(declared.length).toBeGreaterThan(55);
  });

  it("declares path params matching each path, and each endpoint asks for the key it declares", async () => {
    for (const { area, name, endpoint } of allEndpoints()) {
      const names = [...endpoint.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
      const declared = endpoint.params ? Object.keys(endpoint.params.shape) : [];
      expect(declared, `${area}.${name}`).toEqual(names);
      const url = `${server.url}${endpoint.path.replace(/:([A-Za-z0-9_]+)/g, "x.yaml")}`;
      const res = await fetch(url, {
        method: endpoint.method,
        ...(endpoint.method === "GET" || endpoint.method === "DELETE"
          ? {}
          : { headers: { "content-type": "application/json" }, body: "{}" }),
      });
      await res.body?.cancel();
      if (endpoint.auth === "none") expect(res.status, `${area}.${name}`).toBe(200);
      else expect(res.status, `${area}.${name} without a key`).toBe(401);
    }
  });

  it("answers every endpoint with the shape spec declares", async () => {
    const genchi = createGenchiApi({ baseUrl: server.url, key, validate: true });
    const now = Date.now();
    const calls = ["a", "b", "c", "d"].map((s, i) => ({
      id: `api-spec-call-${s}`,
      timestamp: new Date(now - (i + 1) * 60_000).toISOString(),
      route: "categorize",
      model: "gpt-4o-mini-2024-07-18",
      requestedModel: "gpt-4o-mini",
      input: [{ role: "user", content: `ticket ${s}: I was charged twice` }],
      output: i % 2 ? "billing" : '{"category":"billing"}',
      latencyMs: 100 + i,
      usage: { inputTokens: 10, outputTokens: 2 },
    }));

    expect(await genchi.health.health()).toEqual({ status: "ok" });
    expect((await genchi.health.ready()).status).toBe("ready");
    expect((await genchi.bootstrap.get()).project).toBe("default");
    const ingested = await genchi.ingest.batch({
      body: { calls, feedback: [{ callId: "api-spec-call-a", kind: "thumbs_down" }] },
    });
    expect(ingested.stored).toBe(5);
    const posted = await genchi.feedback.post({ body: { callId: "api-spec-call-b", kind: "accept" } });
    expect(posted.label).toBe("strong_positive");

    const page = await genchi.calls.list({ query: { limit: 2, route: "categorize" } });
    expect(page.data).toHaveLength(2);
    const detail = await genchi.calls.get({ params: { id: "api-spec-call-a" } });
    expect(detail.feedback.map((f) => f.kind)).toEqual(["thumbs_down"]);

    const range = { since: new Date(now - 3_600_000).toISOString(), until: new Date(now).toISOString() };
    await genchi.stats.timeseries({ query: { ...range, groupBy: "route" } });
    await genchi.stats.facets({ query: range });
    await genchi.stats.adherence({ query: range });
    await genchi.feedback.summary({ query: range });
    await genchi.feedback.timeseries({ query: range });
    await genchi.gateway.stats();

    const dataset = await genchi.datasets.create({ body: { name: "api-spec-golden", route: "categorize" } });
    const added = await genchi.datasets.addItems({
      params: { id: dataset.id },
      body: { items: [{ id: "i1", vars: { ticket: "charged twice" }, expected: "billing" }] },
    });
    expect(added).toEqual({ stored: 1, duplicates: 0, items: [{ id: "i1", outcome: "stored" }] });
    await genchi.datasets.addFromFeedback({ params: { id: dataset.id }, body: {} });
    expect((await genchi.datasets.list()).data.map((d) => d.name)).toContain("api-spec-golden");
    await genchi.datasets.get({ params: { id: "api-spec-golden" } });
    expect((await genchi.datasets.items({ params: { id: dataset.id } })).data[0]?.id).toBe("i1");

    const driftReport = await genchi.drift.run({
      body: {
        baseline: { calls: [{ input: "hello there", output: "billing" }] },
        current: { route: "categorize", since: range.since },
      },
    });
    expect(typeof driftReport.drifted).toBe("boolean");
    const stored = await genchi.drift.storeReport({
      body: { route: "categorize", baselineDataset: "api-spec-golden", since: "2h" },
    });
    expect((await genchi.drift.reports()).data.map((r) => r.id)).toContain(stored.id);
    await genchi.drift.report({ params: { id: stored.id } });
    const holdout = await genchi.drift.refreshHoldout({
      params: { id: "api-spec-holdout" },
      body: { route: "categorize", n: 2, since: "2h", semantic: false },
    });
    expect(holdout.stratifiedBy).toBe("structural");

    const result = {
      description: "case 1",
      vars: {},
      provider: "p",
      pass: true,
      score: 1,
      output: "billing",
      error: null,
    };
    const runA = await genchi.evals.createRun({ body: { description: "a", configName: "api-spec.yaml" } });
    const runB = await genchi.evals.createRun({ body: { description: "b", configName: "api-spec.yaml" } });
    for (const run of [runA, runB]) {
      expect(
        await genchi.evals.appendResults({ params: { id: run.id }, body: { results: [result] } }),
      ).toEqual({
        stored: 1,
        total: 1,
      });
      await genchi.evals.finishRun({ params: { id: run.id }, body: { status: "finished" } });
    }
    expect((await genchi.evals.runs({ query: { configName: "api-spec.yaml" } })).data).toHaveLength(2);
    await genchi.evals.run({ params: { id: runA.id } });
    await genchi.evals.results({ params: { id: runA.id }, query: { failedOnly: "false" } });
    expect((await genchi.evals.compare({ query: { a: runA.id, b: runB.id } })).comparison.pairs).toBe(1);

    await genchi.review.buildQueue({ body: { size: 4, seed: 7 } });
    await genchi.review.queue();
    const next = await genchi.review.next({ query: { reviewer: "ana" } });
    expect(next.call).not.toBeNull();
    await genchi.review.progress({ query: { reviewer: "ana" } });
    const annotated = await genchi.review.annotate({
      body: {
        callId: next.call!.id,
        reviewer: "ana",
        verdict: "fail",
        tags: ["refusal"],
        correction: "billing",
      },
    });
    expect(annotated.annotation.verdict).toBe("fail");
    expect((await genchi.review.annotations({ query: { reviewer: "ana" } })).data).toHaveLength(1);
    await genchi.review.stats({ query: { days: 7 } });
    await genchi.review.putReminder({ body: { webhookUrl: "http://127.0.0.1:9/hook", hourUtc: 23 } });
    await genchi.review.runReminder();
    expect(await genchi.review.deleteReminder()).toBeNull();
    await genchi.review.createFailureMode({ body: { name: "wrong-category" } });
    expect((await genchi.review.failureModes()).data.map((m) => m.name).sort()).toEqual([
      "refusal",
      "wrong-category",
    ]);
    await genchi.review.renameFailureMode({ params: { id: "wrong-category" }, body: { name: "misfiled" } });
    await genchi.review.mergeFailureMode({ params: { id: "misfiled" }, body: { into: "refusal" } });
    const proposals = await genchi.review.proposals({ params: { id: next.call!.id } });
    expect(proposals.route).toBe("categorize");
    await genchi.review.backtest({
      body: { route: "categorize", assert: { type: "contains", value: "billing" } },
    });
    await genchi.review.addSuiteAssertion({
      params: { route: "categorize" },
      body: { description: "no apology", assert: { type: "not-contains", value: "sorry" } },
    });
    expect((await genchi.review.suiteAssertions({ params: { route: "categorize" } })).data).toHaveLength(1);
    const exported = await genchi.review.exportSuite({ params: { route: "categorize" } });
    expect(await genchi.review.suiteYaml({ params: { file: "categorize.yaml" } })).toBe(exported.yaml);

    await genchi.models.list();
    await genchi.models.setPolicy({ body: { policy: "warn" } });
    await genchi.models.putPin({ body: { alias: "gpt-4o", pinned: "gpt-4o-2024-08-06" } });
    expect((await genchi.models.pins()).pins.map((p) => p.pinned)).toContain("gpt-4o-2024-08-06");
    expect(await genchi.models.deletePin({ query: { alias: "gpt-4o" } })).toBeNull();

    await genchi.shadow.putRoute({ params: { route: "categorize" }, body: { candidate: "gpt-4.1-nano" } });
    expect((await genchi.shadow.route({ params: { route: "categorize" } })).candidate).toBe("gpt-4.1-nano");
    expect((await genchi.shadow.routes()).data).toHaveLength(1);
    await genchi.shadow.report({ query: { route: "categorize" } });
    expect(await genchi.shadow.deleteRoute({ params: { route: "categorize" } })).toBeNull();
  });

  it("turns the server's errors into GenchiApiError with status, code, message and field", async () => {
    const genchi = createGenchiApi({ baseUrl: server.url, key });
    const missing = await genchi.calls.get({ params: { id: "nope" } }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(GenchiApiError);
    expect(missing).toMatchObject({
      status: 404,
      code: "GENCHI_NOT_FOUND",
      message: "no call 'nope' in this project",
    });
    const bad = await genchi.calls.list({ query: { limit: 0 } }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ status: 400, code: "GENCHI_VALIDATION", field: "limit" });
    const anonymous = await createGenchiApi({ baseUrl: server.url })
      .calls.list()
      .catch((e: unknown) => e);
    expect(anonymous).toMatchObject({ status: 401, code: "GENCHI_UNAUTHORIZED", unauthorized: true });
  });
});
