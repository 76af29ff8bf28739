/**
 * The StatsStore contract, unchanged on SQLite and PostgreSQL: rollups are written in the
 * calls' insert transaction (duplicates not counted), read per minute and per hour, kept
 * per project, without shadow calls (the candidate's replies are shown apart); facets and
 * feedback summaries come from the same data.
 */
import type { Call } from "@genchi/spec";
import { storeBackends } from "@genchi/testkit";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../../app/open-store.js";
import type { Store } from "../store.js";
import { latencyBucket } from "./latency-histogram.js";

const base = Date.parse("2026-11-03T08:00:00.000Z");

function call(id: string, minute: number, over: Partial<Call> = {}): Call {
  return {
    id,
    timestamp: new Date(base + minute * 60_000 + 5000).toISOString(),
    route: "categorize",
    source: "sdk",
    provider: "openai",
    requestedModel: "gpt-4o-mini",
    model: "gpt-4o-mini-2024-07-18",
    input: "x",
    output: null,
    status: "ok",
    error: null,
    latencyMs: 250,
    ttftMs: null,
    usage: { inputTokens: 7, outputTokens: 3 },
    costUsd: 0.5,
    userId: null,
    sessionId: null,
    promptVersion: null,
    tags: [],
    metadata: {},
    shadowOf: null,
    finishReason: null,
    traceId: null,
    spanId: null,
    ...over,
  };
}

describe.each(storeBackends)("StatsStore contract: %s", (_name, makeTarget) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let a: string;
  let b: string;
  let url: string;

  beforeAll(async () => {
    const target = await makeTarget();
    cleanup = target.cleanup;
    url = target.url;
    store = await openStore(target.url);
    await store.migrate();
    a = (await store.ensureProject("a")).id;
    b = (await store.ensureProject("b")).id;
    await store.insertCalls(a, [
      call("c1", 0),
      call("c2", 0, { status: "error", latencyMs: 4000 }),
      call("c3", 1, { route: null, model: null, latencyMs: null, usage: null, costUsd: null }),
      call("c4", 75, { route: "support-reply" }),
      // A shadow twin of c1: counted in none of the sums below.
      call("s1", 0, { source: "shadow", shadowOf: "c1", status: "error", latencyMs: 9000, costUsd: 9 }),
    ]);
    await store.insertCalls(a, [call("c1", 0), call("c5", 75, { route: "support-reply" })]);
    await store.insertCalls(b, [call("c1", 0)]);
  });

  afterAll(async () => {
    await store.close();
    await cleanup();
  });

  it("sums minute rollups, once per stored call, with the latency histogram", async () => {
    const cells = await store.stats.rollupCells(a, {
      sinceMs: base,
      untilMs: base + 2 * 3_600_000,
      bucketMs: 60_000,
      groupBy: "route",
    });
    const at = (minute: number, key: string | null) =>
      cells.find((c) => c.bucketStartMs === base + minute * 60_000 && c.key === key);
    expect(at(0, "categorize")).toMatchObject({
      calls: 2,
      errors: 1,
      inputTokens: 14,
      outputTokens: 6,
      costUsd: 1,
    });
    expect(at(0, "categorize")!.histogram[latencyBucket(250)]).toBe(1);
    expect(at(0, "categorize")!.histogram[latencyBucket(4000)]).toBe(1);
    expect(at(1, null)).toMatchObject({ calls: 1, errors: 0, inputTokens: 0, costUsd: 0 });
    expect(at(1, null)!.histogram.every((n) => n === 0)).toBe(true);
    expect(at(75, "support-reply")).toMatchObject({ calls: 2 });
    expect(cells.reduce((n, c) => n + c.calls, 0)).toBe(5);
  });

  it("reads hourly rollups for hour buckets, filtered by route or model", async () => {
    const hourly = await store.stats.rollupCells(a, {
      sinceMs: base,
      untilMs: base + 2 * 3_600_000,
      bucketMs: 3_600_000,
      groupBy: "none",
    });
    expect(hourly.map((c) => [c.bucketStartMs - base, c.calls]).sort((x, y) => x[0]! - y[0]!)).toEqual([
      [0, 3],
      [3_600_000, 2],
    ]);
    const routed = await store.stats.rollupCells(a, {
      sinceMs: base,
      untilMs: base + 2 * 3_600_000,
      bucketMs: 3_600_000,
      groupBy: "model",
      route: "support-reply",
    });
    expect(routed).toHaveLength(1);
    expect(routed[0]).toMatchObject({ key: "gpt-4o-mini-2024-07-18", calls: 2 });
  });

  it("backfills rollups from calls stored before the rollups existed", async () => {
    const query = {
      sinceMs: base,
      untilMs: base + 2 * 3_600_000,
      bucketMs: 60_000,
      groupBy: "model" as const,
    };
    const sorted = (cells: Awaited<ReturnType<Store["stats"]["rollupCells"]>>) =>
      [...cells].sort(
        (x, y) => x.bucketStartMs - y.bucketStartMs || String(x.key).localeCompare(String(y.key)),
      );
    const before = sorted(await store.stats.rollupCells(a, query));
    const hourlyBefore = await store.stats.rollupCells(a, { ...query, bucketMs: 3_600_000 });
    await store.close();
    // Undo the stats step as if this database predated it, then migrate again.
    const undo = [
      "DROP TABLE call_rollups",
      "DROP TABLE call_rollups_hourly",
      "DROP INDEX feedback_project_ts",
      "DELETE FROM genchi_migrations WHERE name LIKE 'stats-%'",
    ];
    if (url.startsWith("postgres")) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      for (const sql of undo) await client.query(sql);
      await client.end();
    } else {
      const db = new Database(url);
      for (const sql of undo) db.exec(sql);
      db.close();
    }
    store = await openStore(url);
    await store.migrate();
    expect(sorted(await store.stats.rollupCells(a, query))).toEqual(before);
    expect(await store.stats.rollupCells(a, { ...query, bucketMs: 3_600_000 })).toEqual(
      expect.arrayContaining(hourlyBefore),
    );
  });

  it("keeps projects apart", async () => {
    const cells = await store.stats.rollupCells(b, {
      sinceMs: base,
      untilMs: base + 3_600_000,
      bucketMs: 3_600_000,
      groupBy: "none",
    });
    expect(cells.map((c) => c.calls)).toEqual([1]);
    expect((await store.stats.facets("999", base, base + 3_600_000)).routes).toEqual([]);
  });

  it("lists facets and summarizes feedback", async () => {
    const facets = await store.stats.facets(a, base, base + 2 * 3_600_000);
    expect(facets.routes).toEqual([
      { value: "categorize", calls: 2 },
      { value: "support-reply", calls: 2 },
      { value: null, calls: 1 },
    ]);
    expect(facets.statuses).toEqual([
      { value: "ok", calls: 4 },
      { value: "error", calls: 1 },
    ]);
    const fb = (
      id: string,
      callId: string,
      kind: "accept" | "thumbs_down",
      label: "positive" | "negative",
    ) => ({
      id,
      callId,
      kind,
      value: null,
      editedOutput: null,
      comment: null,
      userId: null,
      timestamp: new Date(base + 600_000).toISOString(),
      label,
      metadata: {},
    });
    await store.insertFeedback(a, [
      fb("f1", "c1", "accept", "positive"),
      fb("f2", "c4", "thumbs_down", "negative"),
    ]);
    await store.insertFeedback(b, [fb("f3", "c1", "thumbs_down", "negative")]);
    const all = await store.stats.feedbackSummary(a, { sinceMs: base, untilMs: base + 3_600_000 });
    expect(all.total).toBe(2);
    expect(all.byKind).toEqual(
      expect.arrayContaining([
        { kind: "accept", count: 1 },
        { kind: "thumbs_down", count: 1 },
      ]),
    );
    const support = await store.stats.feedbackSummary(a, {
      sinceMs: base,
      untilMs: base + 3_600_000,
      route: "support-reply",
    });
    expect(support).toEqual({
      total: 1,
      byLabel: [{ label: "negative", count: 1 }],
      byKind: [{ kind: "thumbs_down", count: 1 }],
    });
  });

  it("feedback cells: labels per bucket and per route, one project only", async () => {
    const cells = await store.stats.feedbackCells(a, {
      sinceMs: base,
      untilMs: base + 3_600_000,
      bucketMs: 300_000,
    });
    const key = (c: { bucketStartMs: number; route: string | null; label: string; count: number }) =>
      `${c.bucketStartMs - base} ${c.route} ${c.label} ${c.count}`;
    expect(cells.map(key).sort()).toEqual([
      "600000 categorize positive 1",
      "600000 support-reply negative 1",
    ]);
    const onRoute = await store.stats.feedbackCells(a, {
      sinceMs: base,
      untilMs: base + 3_600_000,
      bucketMs: 3_600_000,
      route: "support-reply",
    });
    expect(onRoute.map(key)).toEqual(["0 support-reply negative 1"]);
  });
});
