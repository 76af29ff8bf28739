/**
 * The demo, small and seeded: 2,000 calls generated and sent through the real ingest API
 * over HTTP land in project `default`, the last 3 days show the shift (more typos from
 * mobile users, the new pet-tech line), and every kind of feedback appears.
 */

import { type RunningServer, startServer } from "@genchi/server";
import type { CallsPage, Feedback, FeedbackSummary, Timeseries } from "@genchi/spec";
import { createTempSqlitePath } from "@genchi/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoTraffic, shiftMs } from "../src/data/traffic.js";
import { runDemo } from "../src/run-demo.js";
import { trafficStep } from "../src/scenarios/traffic.js";
import { startDemo } from "../src/start-demo.js";

const key = "gk_test_demo_key_0123456789abcdef";
const nowMs = Date.parse("2026-11-20T15:30:00.000Z");
const calls = 2000;

describe("demo", () => {
  let server: RunningServer;
  let tmp: ReturnType<typeof createTempSqlitePath>;
  const lines: string[] = [];
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    tmp = createTempSqlitePath();
    server = await startServer({ db: tmp.path, port: 0, initProjectKey: key, quiet: true });
    await runDemo({ url: server.url, key, seed: 7, calls, nowMs, log: (l) => lines.push(l) }, [trafficStep]);
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    tmp?.remove();
  });

  it("is deterministic for a seed", () => {
    const a = [...demoTraffic({ calls: 50, seed: 7, nowMs })];
    const b = [...demoTraffic({ calls: 50, seed: 7, nowMs })];
    expect(a).toEqual(b);
    expect([...demoTraffic({ calls: 50, seed: 8, nowMs })]).not.toEqual(a);
  });

  it("lands every call through HTTP, over 14 days, with a few percent errors", async () => {
    expect(lines).toContain(
      `demo: ${calls.toLocaleString("en-US")} / ${calls.toLocaleString("en-US")} calls`,
    );
    const since = new Date(nowMs - 15 * 86_400_000).toISOString();
    const until = new Date(nowMs).toISOString();
    const series = await get<Timeseries>(
      `/api/v1/stats/timeseries?since=${since}&until=${until}&groupBy=route`,
    );
    expect(series.totals.calls).toBe(calls);
    expect(series.series.map((s) => s.key).sort()).toEqual(["categorize", "support-reply"]);
    expect(series.totals.errorRate).toBeGreaterThan(0.01);
    expect(series.totals.errorRate).toBeLessThan(0.05);
    expect(series.totals.costUsd).toBeGreaterThan(0);
    expect(series.totals.latencyP95Ms!).toBeGreaterThan(series.totals.latencyP50Ms!);
  });

  it("shows the shift in the last 3 days: more typos from mobile users, the new pet-tech line", async () => {
    const all: CallsPage["data"] = [];
    let cursor: string | null = null;
    do {
      const page: CallsPage = await get<CallsPage>(
        `/api/v1/calls?route=categorize&limit=1000${cursor ? `&cursor=${cursor}` : ""}`,
      );
      all.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    const text = (c: (typeof all)[number]) =>
      Array.isArray(c.input) ? String((c.input[1] as { content?: unknown })?.content ?? "") : "";
    const words = (s: string) => s.toLowerCase().match(/[a-z]{3,}/g) ?? [];
    const vocabulary = new Set(all.filter((c) => c.tags.includes("web")).flatMap((c) => words(text(c))));
    const shiftStart = nowMs - shiftMs;
    const before = all.filter((c) => Date.parse(c.timestamp) < shiftStart);
    const after = all.filter((c) => Date.parse(c.timestamp) >= shiftStart);
    expect(before.length).toBeGreaterThan(300);
    expect(after.length).toBeGreaterThan(100);
    const typoRate = (cs: typeof all) => {
      const ws = cs.flatMap((c) => words(text(c)));
      return ws.filter((w) => !vocabulary.has(w)).length / ws.length;
    };
    const share = (cs: typeof all, test: (c: (typeof all)[number]) => boolean) =>
      cs.filter(test).length / cs.length;
    const pet = (c: (typeof all)[number]) =>
      /feeder|collar|litter|fountain|pet camera|pawsync|trailtag|petlio|furfi|whisker/i.test(text(c));
    expect(typoRate(after)).toBeGreaterThan(2 * typoRate(before));
    expect(share(after, (c) => c.tags.includes("mobile"))).toBeGreaterThan(
      1.8 * share(before, (c) => c.tags.includes("mobile")),
    );
    expect(share(before, pet)).toBe(0);
    expect(share(after, pet)).toBeGreaterThan(0.15);
  });

  it("has explicit and implicit feedback of every kind, more negative on the new line", async () => {
    const since = new Date(nowMs - 15 * 86_400_000).toISOString();
    const until = new Date(nowMs).toISOString();
    const summary = await get<FeedbackSummary>(`/api/v1/feedback/summary?since=${since}&until=${until}`);
    const kinds = new Set(summary.byKind.map((k) => k.kind));
    for (const kind of [
      "accept",
      "accept_edit",
      "ignore",
      "regenerate",
      "thumbs_up",
      "thumbs_down",
      "rating",
      "comment",
      "copy",
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    expect(summary.total).toBeGreaterThan(calls * 0.7);
    const labelled = await get<CallsPage>("/api/v1/calls?label=negative&limit=5");
    expect(labelled.data.length).toBeGreaterThan(0);
    const shifted = new Date(nowMs - shiftMs).toISOString();
    const recent = await get<FeedbackSummary>(`/api/v1/feedback/summary?since=${shifted}&until=${until}`);
    const earlier = await get<FeedbackSummary>(`/api/v1/feedback/summary?since=${since}&until=${shifted}`);
    const negativeShare = (s: FeedbackSummary) =>
      s.byLabel
        .filter((l) => l.label === "negative" || l.label === "strong_negative")
        .reduce((n, l) => n + l.count, 0) / s.total;
    expect(negativeShare(recent)).toBeGreaterThan(negativeShare(earlier));

    // Shaped like the browser snippet's: an edited suggestion carries the text shown, and genchi
    // derived its edit distance.
    const edited = await get<CallsPage>("/api/v1/calls?label=positive&limit=40");
    const details = await Promise.all(
      edited.data.map((c) => get<{ feedback: Feedback[] }>(`/api/v1/calls/${encodeURIComponent(c.id)}`)),
    );
    const edits = details.flatMap((d) => d.feedback.filter((f) => f.kind === "accept_edit"));
    expect(edits.length).toBeGreaterThan(0);
    for (const f of edits) {
      expect(typeof f.metadata["suggestion"]).toBe("string");
      expect(f.metadata["editDistance"]).toBeGreaterThan(0);
      expect(f.metadata["editDistance"]).toBeLessThanOrEqual(1);
    }
  });

  it("is not loaded again into a project that has calls", async () => {
    const said: string[] = [];
    const host = {
      url: server.url,
      countDefaultCalls: async () =>
        server.store.countCalls((await server.store.ensureProject("default")).id),
      defaultSecretKey: async () => key,
    };
    expect(await startDemo(host, { log: (l) => said.push(l) })).toBeNull();
    expect(said[0]).toMatch(/already has calls/);
  });
});
