/**
 * The daily drift job on both backends: two servers (two store connections) running it at
 * once store exactly one report per (project, route, day), and it flags typos injected into
 * the last day of production. Then the HTTP routes over loopback: stored reports listed and
 * opened, an on-demand report stored, a holdout refreshed through the API.
 */
import { generateCalls } from "@genchi/scripted-upstream/generated-calls";
import type { CallIn } from "@genchi/spec";
import { driftConfigSchema } from "@genchi/spec";
import { createTempSqlitePath, type StoreTarget, storeBackends } from "@genchi/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../app/open-store.js";
import { type RunningServer, startServer } from "../../app/start-server.js";
import type { Store } from "../../platform/store/store.js";
import { completeCall } from "../calls/normalize-call.js";
import { DailyDriftJob, dailyDriftJob } from "./daily-drift-job.js";

const now = new Date("2026-11-28T07:30:00Z");

/** A baseline dataset of clean inputs, and a day of production with typos in 30% of inputs. */
async function seed(store: Store, projectId: string, nowMs: number, route = "support") {
  const { dataset } = await store.datasets.ensure(projectId, { name: `${route}-baseline`, route });
  await store.datasets.addItems(
    projectId,
    dataset.id,
    generateCalls({ n: 300, seed: 1 }).map((c) => ({ vars: { input: c.input }, expected: c.output })),
  );
  const calls = generateCalls({ n: 300, seed: 2, typoShare: 0.3 }).map((c, i) =>
    completeCall({
      route,
      model: "m",
      timestamp: new Date(nowMs - (i + 1) * 60_000).toISOString(),
      input: [{ role: "user", content: c.input }],
      output: c.output,
    } as CallIn),
  );
  await store.insertCalls(projectId, calls);
}

describe.each(storeBackends)("DailyDriftJob on %s", (_name, makeTarget) => {
  let target: StoreTarget;
  const stores: Store[] = [];
  beforeAll(async () => {
    target = await makeTarget();
    stores.push(await openStore(target.url), await openStore(target.url));
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
    await target.cleanup();
  });

  it("two servers at once: one report per (project, route, day), typo descriptor flagged", async () => {
    const [s1, s2] = stores as [Store, Store];
    const projectId = (await s1.ensureProject("default")).id;
    await seed(s1, projectId, now.getTime());
    const config = driftConfigSchema.parse({ routes: ["support", "unseen"], hour: 6 });
    const early = await new DailyDriftJob(s1, config).runOnce(new Date("2026-11-28T05:59:00Z"));
    expect(early.every((o) => o.reason === "not_yet")).toBe(true);

    const [a, b] = await Promise.all([
      new DailyDriftJob(s1, config).runOnce(now),
      new DailyDriftJob(s2, config).runOnce(now),
    ]);
    const support = [...a, ...b].filter((o) => o.route === "support");
    expect(support.filter((o) => o.reason === "stored")).toHaveLength(1);
    expect(support.filter((o) => o.reason === "already_claimed")).toHaveLength(1);
    expect([...a, ...b].filter((o) => o.route === "unseen").map((o) => o.reason)).toEqual([
      "no_baseline",
      "no_baseline",
    ]);

    const listed = await s2.driftReports.list(projectId, { route: "support", limit: 10 });
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ day: "2026-11-28", status: "done", baseline: "support-baseline" });
    expect(listed[0]?.flagged).toContain("input.typo_rate");
    const stored = await s1.driftReports.get(projectId, listed[0]?.id as string);
    expect(stored?.report?.currentCount).toBe(300);
    expect(
      stored?.report?.findings.find((f) => f.descriptor === "typo_rate" && f.side === "input")?.drifted,
    ).toBe(true);
    // later the same day: nothing new
    const again = await new DailyDriftJob(s1, config).runOnce(new Date("2026-11-28T09:00:00Z"));
    expect(again.find((o) => o.route === "support")?.reason).toBe("already_claimed");
  }, 60_000);

  it("as a scheduled job: retried and run in two processes at once, one report per day", async () => {
    const [s1, s2] = stores as [Store, Store];
    const projectId = (await s1.ensureProject("default")).id;
    const at = new Date("2026-11-29T08:00:00Z");
    await seed(s1, projectId, at.getTime(), "billing");
    const job = dailyDriftJob(driftConfigSchema.parse({ routes: ["billing"], hour: 6 }));
    expect(job).toMatchObject({ name: "daily-drift", schedule: { everyMs: 600_000 } });
    await Promise.all([job.run({ store: s1 }, at), job.run({ store: s2 }, at)]);
    await job.run({ store: s1 }, new Date("2026-11-29T08:10:00Z"));
    const listed = await s2.driftReports.list(projectId, { route: "billing", limit: 10 });
    expect(listed.map((r) => [r.day, r.status])).toEqual([["2026-11-29", "done"]]);
  }, 60_000);
});

describe("drift report routes", () => {
  const key = "gk_sec_drift_reports_test_key_000000000001";
  const tmp = createTempSqlitePath();
  let server: RunningServer;
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  beforeAll(async () => {
    server = await startServer({ db: tmp.path, port: 0, initProjectKey: key, quiet: true });
    const project = (await server.store.getProjectByName("default"))!;
    await seed(server.store, project.id, Date.now());
  });
  afterAll(async () => {
    await server.close();
    tmp.remove();
  });

  it("stores an on-demand report, lists it by route and opens it; bad input is a clear 4xx", async () => {
    const made = await api("POST", "/api/v1/drift/reports", {
      route: "support",
      baselineDataset: "support-baseline",
      since: "2d",
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ route: "support", status: "done", drifted: true, day: null });
    expect(made.body.flagged).toContain("input.typo_rate");
    const list = await api("GET", "/api/v1/drift/reports?route=support");
    expect((list.body.data as { id: string }[]).map((r) => r.id)).toEqual([made.body.id]);
    expect((await api("GET", "/api/v1/drift/reports?route=other")).body.data).toEqual([]);
    const one = await api("GET", `/api/v1/drift/reports/${made.body.id}`);
    expect((one.body.report as { currentCount: number }).currentCount).toBe(300);
    expect((await api("GET", "/api/v1/drift/reports/nope")).status).toBe(404);
    const bad = await api("POST", "/api/v1/drift/reports", { route: "support" });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/baselineDataset/);
    const badSince = await api("POST", "/api/v1/drift/reports", {
      route: "support",
      baselineDataset: "support-baseline",
      since: "yesterday",
    });
    expect(badSince.status).toBe(400);
  });

  it("refreshes a holdout through the API; an unknown route is a 404 naming it", async () => {
    const refreshed = await api("POST", "/api/v1/datasets/support-holdout/refresh", {
      route: "support",
      n: 10,
      since: "7d",
      semantic: false,
    });
    expect(refreshed.status).toBe(201);
    expect(refreshed.body).toMatchObject({ stored: 10, stratifiedBy: "structural" });
    expect((refreshed.body.dataset as { name: string; itemCount: number }).itemCount).toBe(10);
    const unknown = await api("POST", "/api/v1/datasets/support-holdout/refresh", {
      route: "nope",
      semantic: false,
    });
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(unknown.body)).toMatch(/unknown route 'nope'/);
  });
});
