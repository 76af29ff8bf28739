/**
 * The dashboard API over real HTTP on SQLite and PostgreSQL: known calls ingested through
 * `/api/v1/ingest` come back from `/stats/timeseries` with exact counts, empty buckets,
 * histogram percentiles, grouping and top-20 folding; facets; feedback summary; the new
 * calls filters (tag, label); bootstrap (local mode or not); bad queries.
 */
import type { CallsPage, Facets, FeedbackSummary, IngestResponse, Timeseries } from "@genchi/spec";
import { storeBackends } from "@genchi/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../src/app/start-server.js";
import { displayPrefix, generateKey, hashKey } from "../src/platform/keys/project-keys.js";

const key = "gk_test_stats_key_0123456789abcd";
const base = Date.parse("2026-11-02T10:00:00.000Z");
const iso = (ms: number) => new Date(ms).toISOString();
const minute = 60_000;

/** Ten categorize calls (latency 100…1000 ms, two errors) in 10:00–10:05, five support replies at 10:30. */
function knownCalls() {
  const calls: Record<string, unknown>[] = [];
  for (let i = 0; i < 10; i++) {
    calls.push({
      id: `cat-${i}`,
      timestamp: iso(base + (i % 5) * minute + 1000 * i),
      route: "categorize",
      model: "m-small",
      input: `categorize item ${i}`,
      output: '{"category":"Home"}',
      status: i < 2 ? "error" : "ok",
      latencyMs: 100 * (i + 1),
      usage: { inputTokens: 10, outputTokens: 5 },
      costUsd: 0.001,
      tags: i % 2 === 0 ? ["mobile"] : ["web"],
    });
  }
  for (let i = 0; i < 5; i++) {
    calls.push({
      id: `sup-${i}`,
      timestamp: iso(base + 30 * minute + i * 1000),
      route: "support-reply",
      model: "m-large",
      input: `support question ${i}`,
      output: "Happy to help",
      latencyMs: 2000,
      usage: { inputTokens: 100, outputTokens: 50 },
      costUsd: 0.01,
    });
  }
  // 25 models at 12:00, one call each: groupBy model must fold them into 19 + "other".
  for (let i = 0; i < 25; i++) {
    calls.push({
      id: `fold-${i}`,
      timestamp: iso(base + 120 * minute + i * 1000),
      route: "fold",
      model: `fold-model-${String(i).padStart(2, "0")}`,
      input: "x",
      latencyMs: 50,
      costUsd: 0,
    });
  }
  return calls;
}

describe.each(storeBackends)("stats API on %s", (_name, makeTarget) => {
  let server: RunningServer;
  let cleanup: () => Promise<void>;
  let otherKey: string;

  const get = async <T>(path: string, k: string = key): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${k}` } });
    return { status: res.status, body: (await res.json()) as T };
  };
  const ingest = async (body: unknown) => {
    const res = await fetch(`${server.url}/api/v1/ingest`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return (await res.json()) as IngestResponse;
  };

  beforeAll(async () => {
    const target = await makeTarget();
    cleanup = target.cleanup;
    server = await startServer({ db: target.url, port: 0, initProjectKey: key, quiet: true });
    const other = await server.store.ensureProject("other");
    otherKey = generateKey("secret");
    await server.store.createKey({
      projectId: other.id,
      kind: "secret",
      hash: hashKey(otherKey),
      prefix: displayPrefix(otherKey),
      name: null,
    });
    const calls = knownCalls();
    expect((await ingest({ calls: calls.slice(0, 20) })).stored).toBe(20);
    expect((await ingest({ calls: calls.slice(20) })).stored).toBe(20);
    // Duplicates must not count twice.
    expect((await ingest({ calls: calls.slice(0, 5) })).duplicates).toBe(5);
    const feedback = await ingest({
      feedback: [
        { callId: "cat-3", kind: "thumbs_up", timestamp: iso(base + 10 * minute) },
        { callId: "cat-4", kind: "thumbs_up", timestamp: iso(base + 10 * minute) },
        { callId: "cat-5", kind: "thumbs_down", timestamp: iso(base + 10 * minute) },
        { callId: "sup-1", kind: "accept", timestamp: iso(base + 40 * minute) },
        { callId: "sup-2", kind: "regenerate", timestamp: iso(base + 40 * minute) },
      ],
    });
    expect(feedback.stored).toBe(5);
  });

  afterAll(async () => {
    await server?.close();
    await cleanup?.();
  });

  const range = `since=${iso(base)}&until=${iso(base + 60 * minute)}`;

  it("counts calls per 5-minute bucket, with empty buckets present and exact totals", async () => {
    const { status, body } = await get<Timeseries>(`/api/v1/stats/timeseries?${range}&bucket=5m`);
    expect(status).toBe(200);
    expect(body.bucketMs).toBe(300_000);
    expect(body.since).toBe(iso(base));
    expect(body.until).toBe(iso(base + 60 * minute));
    expect(body.series).toHaveLength(1);
    const points = body.series[0]!.points;
    expect(points).toHaveLength(12);
    expect(points.map((p) => p.calls)).toEqual([10, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0]);
    expect(points[0]).toMatchObject({ errors: 2, inputTokens: 100, outputTokens: 50 });
    expect(points[0]!.costUsd).toBeCloseTo(0.01, 8);
    expect(points[1]).toMatchObject({ calls: 0, latencyP50Ms: null, latencyP95Ms: null, costUsd: 0 });
    expect(body.totals).toMatchObject({ calls: 15, errors: 2, inputTokens: 600, outputTokens: 300 });
    expect(body.totals.errorRate).toBeCloseTo(2 / 15, 5);
    expect(body.totals.costUsd).toBeCloseTo(0.06, 8);
  });

  it("computes p50/p95 from the histogram within its precision", async () => {
    const { body } = await get<Timeseries>(`/api/v1/stats/timeseries?${range}&bucket=5m&route=categorize`);
    const first = body.series[0]!.points[0]!;
    // Latencies 100…1000 ms: the exact p50 is 500–600 and p95 is 1000; buckets are ~1.41× wide.
    expect(first.latencyP50Ms!).toBeGreaterThan(500 / 1.41);
    expect(first.latencyP50Ms!).toBeLessThan(600 * 1.41);
    expect(first.latencyP95Ms!).toBeGreaterThan(1000 / 1.41);
    expect(first.latencyP95Ms!).toBeLessThanOrEqual(1000 * 1.41);
    expect(first.latencyP95Ms!).toBeGreaterThan(first.latencyP50Ms!);
    expect(body.totals.calls).toBe(10);
    const support = await get<Timeseries>(`/api/v1/stats/timeseries?${range}&bucket=5m&model=m-large`);
    const p = support.body.series[0]!.points[6]!;
    expect(p.calls).toBe(5);
    expect(p.latencyP50Ms!).toBeGreaterThan(2000 / 1.41);
    expect(p.latencyP50Ms!).toBeLessThan(2000 * 1.41);
  });

  it("groups by route, top series first", async () => {
    const { body } = await get<Timeseries>(`/api/v1/stats/timeseries?${range}&bucket=15m&groupBy=route`);
    expect(body.series.map((s) => s.key)).toEqual(["categorize", "support-reply"]);
    expect(body.series[0]!.points.map((p) => p.calls)).toEqual([10, 0, 0, 0]);
    expect(body.series[1]!.points.map((p) => p.calls)).toEqual([0, 0, 5, 0]);
  });

  it("folds series beyond the top 20 into 'other', reading the hourly rollups for 1h buckets", async () => {
    const { body } = await get<Timeseries>(
      `/api/v1/stats/timeseries?since=${iso(base)}&until=${iso(base + 180 * minute)}&bucket=1h&groupBy=model`,
    );
    expect(body.series).toHaveLength(20);
    expect(body.series[0]!.key).toBe("m-small");
    expect(body.series[1]!.key).toBe("m-large");
    const other = body.series.find((s) => s.key === "other")!;
    // 27 models: 2 + 17 fold models kept, 8 folded.
    expect(other.points.map((p) => p.calls)).toEqual([0, 0, 8]);
    expect(body.series.reduce((n, s) => n + s.points.reduce((m, p) => m + p.calls, 0), 0)).toBe(40);
    expect(body.totals.calls).toBe(40);
  });

  it("picks a bucket for auto: ~100–360 points", async () => {
    const day = await get<Timeseries>(
      `/api/v1/stats/timeseries?since=${iso(base)}&until=${iso(base + 86_400_000)}`,
    );
    expect(day.body.bucketMs).toBe(300_000);
    expect(day.body.series[0]!.points).toHaveLength(288);
    expect(day.body.totals.calls).toBe(40);
    const week = await get<Timeseries>(
      `/api/v1/stats/timeseries?since=${iso(base)}&until=${iso(base + 7 * 86_400_000)}&bucket=auto`,
    );
    expect(week.body.bucketMs).toBe(3_600_000);
    expect(week.body.series[0]!.points[0]!.calls).toBe(15);
    expect(week.body.series[0]!.points[2]!.calls).toBe(25);
  });

  it("lists facets from the rollups", async () => {
    const { body } = await get<Facets>(
      `/api/v1/stats/facets?since=${iso(base)}&until=${iso(base + 180 * minute)}`,
    );
    expect(body.routes).toEqual([
      { value: "fold", calls: 25 },
      { value: "categorize", calls: 10 },
      { value: "support-reply", calls: 5 },
    ]);
    expect(body.models[0]).toEqual({ value: "m-small", calls: 10 });
    expect(body.models).toHaveLength(27);
    expect(body.statuses).toEqual([
      { value: "ok", calls: 38 },
      { value: "error", calls: 2 },
    ]);
    const month = await get<Facets>(
      `/api/v1/stats/facets?since=${iso(base - 20 * 86_400_000)}&until=${iso(base + 10 * 86_400_000)}`,
    );
    expect(month.status).toBe(200);
    expect(month.body.routes).toEqual(body.routes);
  });

  it("summarizes feedback per label and kind, optionally per route", async () => {
    const all = await get<FeedbackSummary>(`/api/v1/feedback/summary?${range}`);
    expect(all.body.total).toBe(5);
    expect(all.body.byKind).toEqual(
      expect.arrayContaining([
        { kind: "thumbs_up", count: 2 },
        { kind: "thumbs_down", count: 1 },
        { kind: "accept", count: 1 },
        { kind: "regenerate", count: 1 },
      ]),
    );
    const labels = Object.fromEntries(all.body.byLabel.map((l) => [String(l.label), l.count]));
    expect(labels.positive).toBeGreaterThanOrEqual(2);
    expect(Object.values(labels).reduce((a, b) => a + b, 0)).toBe(5);
    const support = await get<FeedbackSummary>(`/api/v1/feedback/summary?${range}&route=support-reply`);
    expect(support.body.total).toBe(2);
  });

  it("filters calls by tag and by feedback label", async () => {
    const tagged = await get<CallsPage>("/api/v1/calls?tag=mobile&limit=100");
    expect(tagged.body.data.map((c) => c.id).sort()).toEqual(["cat-0", "cat-2", "cat-4", "cat-6", "cat-8"]);
    const liked = await get<CallsPage>("/api/v1/calls?label=positive&limit=100");
    expect(liked.body.data.map((c) => c.id)).toEqual(expect.arrayContaining(["cat-3", "cat-4"]));
    expect(liked.body.data.map((c) => c.id)).not.toContain("cat-5");
    const both = await get<CallsPage>("/api/v1/calls?label=positive&tag=mobile&limit=100");
    expect(both.body.data.map((c) => c.id)).toContain("cat-4");
    expect(both.body.data.map((c) => c.id)).not.toContain("cat-3");
    const bad = await get<{ error: { message: string } }>("/api/v1/calls?label=great");
    expect(bad.status).toBe(400);
  });

  it("keeps projects apart", async () => {
    const { body } = await get<Timeseries>(`/api/v1/stats/timeseries?${range}&bucket=5m`, otherKey);
    expect(body.totals.calls).toBe(0);
    const facets = await get<Facets>(`/api/v1/stats/facets?${range}`, otherKey);
    expect(facets.body.routes).toEqual([]);
    const feedback = await get<FeedbackSummary>(`/api/v1/feedback/summary?${range}`, otherKey);
    expect(feedback.body.total).toBe(0);
  });

  it("answers bad queries with 400 and a message that says what to do", async () => {
    const bucket = await get<{ error: { code: string; message: string } }>(
      `/api/v1/stats/timeseries?${range}&bucket=2m`,
    );
    expect(bucket.status).toBe(400);
    expect(bucket.body.error.message).toMatch(/bucket/);
    const backwards = await get<{ error: { message: string } }>(
      `/api/v1/stats/timeseries?since=${iso(base + minute)}&until=${iso(base)}`,
    );
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toMatch(/since must be before until/);
    const tooMany = await get<{ error: { message: string } }>(
      `/api/v1/stats/timeseries?since=${iso(base - 90 * 86_400_000)}&until=${iso(base)}&bucket=1m`,
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(/larger bucket/);
    const notIso = await get<{ error: { message: string } }>("/api/v1/stats/facets?since=yesterday");
    expect(notIso.status).toBe(400);
    expect(notIso.body.error.message).toMatch(/since/);
    const noKey = await fetch(`${server.url}/api/v1/stats/timeseries`);
    expect(noKey.status).toBe(401);
  });

  it("bootstrap hands the key over only in local mode", async () => {
    const res = await fetch(`${server.url}/api/v1/bootstrap`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ localMode: true, project: "default", key });
  });
});

describe("bootstrap on a server bound to every interface", () => {
  it("reports no local mode and no key", async () => {
    const { createTempSqlitePath } = await import("@genchi/testkit");
    const tmp = createTempSqlitePath();
    const server = await startServer({
      db: tmp.path,
      port: 0,
      host: "0.0.0.0",
      initProjectKey: key,
      quiet: true,
    });
    try {
      const port = new URL(server.url).port;
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/bootstrap`);
      expect(await res.json()).toEqual({ localMode: false, project: "default" });
    } finally {
      await server.close();
      tmp.remove();
    }
  });
});
