/**
 * The review demo step on a fresh server with demo traffic: a week of past reviews (12 a day,
 * two reviewers, failures tagged), and today's queue of 30 calls, untouched.
 */

import { type RunningServer, startServer } from "@genchi/server";
import { createTempSqlitePath } from "@genchi/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDemo } from "../src/run-demo.js";
import { reviewDemoStep } from "../src/scenarios/review.js";
import { trafficStep } from "../src/scenarios/traffic.js";

const key = "gk_test_review_demo_0123456789abcdef";
let server: RunningServer;
let tmp: ReturnType<typeof createTempSqlitePath>;
const lines: string[] = [];

async function get<T>(path: string): Promise<T> {
  const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

beforeAll(async () => {
  tmp = createTempSqlitePath();
  server = await startServer({ db: tmp.path, port: 0, initProjectKey: key, quiet: true });
  await runDemo(
    { url: server.url, key, seed: 5, calls: 3000, nowMs: Date.now(), log: (l) => lines.push(l) },
    [trafficStep, reviewDemoStep],
  );
}, 120_000);

afterAll(async () => {
  await server?.close();
  tmp?.remove();
});

describe("review demo step", () => {
  it("leaves a week of past reviews and an untouched queue for today", async () => {
    const stats = await get<{
      days: { day: string; reviewed: number; failed: number }[];
      tags: { tag: string; failures: number }[];
      reviewersToday: string[];
    }>("/api/v1/review/stats?days=8");
    expect(stats.days.map((d) => d.reviewed)).toEqual([12, 12, 12, 12, 12, 12, 12, 0]);
    expect(stats.days.reduce((s, d) => s + d.failed, 0)).toBeGreaterThan(3);
    expect(stats.tags.length).toBeGreaterThan(0);
    expect(stats.reviewersToday).toEqual([]);
    const queue = await get<{ items: { doneBy: string | null }[] }>("/api/v1/review/queue");
    expect(queue.items).toHaveLength(30);
    expect(queue.items.every((q) => q.doneBy === null)).toBe(true);
    const progress = await get<{ streak: number; done: number }>("/api/v1/review/progress?reviewer=ana");
    expect(progress).toMatchObject({ streak: 7, done: 0 });
    expect(lines.join("\n")).toContain("84 past reviews over 7 days; today's review queue holds 30 calls");
  });
});
