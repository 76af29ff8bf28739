/**
 * The review queue over real HTTP on loopback (SQLite): building a day's sample (negative
 * feedback first, no call offered twice), locks between two reviewers, annotations with tags
 * and corrections, failure-mode rename/merge, assertion proposals checked against the reviewed
 * calls they came from, the exported suite, and clear errors for bad input.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { ReviewQueueItem } from "@genchi/spec";
import { createTempSqlitePath } from "@genchi/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type RunningServer, startServer } from "../src/app/start-server.js";

const key = "gk_test_review_api_0123456789abcdef";
let server: RunningServer;
let tmp: { path: string; remove: () => void };

// biome-ignore lint/suspicious/noExplicitAny: the test reads response JSON loosely
type Json = Record<string, any>;
async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let json: Json = {};
  try {
    json = JSON.parse(text) as Json;
  } catch {
    json = { text };
  }
  return { status: res.status, body: json, headers: res.headers };
}

const id = (i: number) => `call-${String(i).padStart(3, "0")}`;
const negative = [id(5), id(17), id(33)];

beforeAll(async () => {
  tmp = createTempSqlitePath();
  server = await startServer({ db: tmp.path, port: 0, initProjectKey: key, quiet: true });
  const now = Date.now();
  const calls = Array.from({ length: 60 }, (_, i) => ({
    id: id(i),
    timestamp: new Date(now - i * 60_000).toISOString(),
    route: i % 3 === 0 ? "answer" : "categorize",
    model: i % 2 === 0 ? "gpt-4o-mini" : "gpt-4o",
    input: [{ role: "user", content: `ticket ${i}: I was charged twice` }],
    output: { role: "assistant", content: i === 5 ? "I'm sorry, I cannot help with that." : "billing" },
  }));
  const feedback = negative.map((callId, i) => ({ callId, kind: i === 0 ? "regenerate" : "thumbs_down" }));
  expect((await api("POST", "/api/v1/ingest", { calls, feedback })).status).toBe(207);
});

afterAll(async () => {
  await server.close();
  tmp.remove();
});

describe("review queue API", () => {
  let queue: ReviewQueueItem[] = [];

  it("reminds through a webhook once a day when today's queue is untouched", async () => {
    const received: Json[] = [];
    const hook = createServer((req, res) => {
      let body = "";
      req.on("data", (d) => (body += d));
      req.on("end", () => {
        received.push(JSON.parse(body) as Json);
        res.end("ok");
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
    const webhookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    try {
      expect((await api("PUT", "/api/v1/review/reminder", { webhookUrl, hourUtc: 24 })).status).toBe(400);
      const hour = new Date().getUTCHours();
      if (hour < 23) {
        await api("PUT", "/api/v1/review/reminder", { webhookUrl, hourUtc: hour + 1 });
        const early = await api("POST", "/api/v1/review/reminder/run");
        expect(early.body["data"][0]).toMatchObject({ sent: false, reason: "not_yet" });
      }
      expect((await api("PUT", "/api/v1/review/reminder", { webhookUrl, hourUtc: 0 })).status).toBe(200);
      const first = await api("POST", "/api/v1/review/reminder/run");
      expect(first.body["data"][0]).toMatchObject({ sent: true, reason: "sent", status: 200 });
      const again = await api("POST", "/api/v1/review/reminder/run");
      expect(again.body["data"][0]).toMatchObject({ sent: false, reason: "already_sent" });
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ total: 0, done: 0 });
      expect(received[0]!["text"]).toContain("no review queue was built today");
      expect((await api("DELETE", "/api/v1/review/reminder")).status).toBe(204);
      expect((await api("POST", "/api/v1/review/reminder/run")).body["data"]).toEqual([]);
    } finally {
      hook.close();
    }
  });

  it("builds today's sample: negative feedback first, the size asked, built once", async () => {
    const r = await api("POST", "/api/v1/review/queue", { size: 20, seed: 7 });
    expect(r.status).toBe(201);
    queue = r.body["items"] as ReviewQueueItem[];
    expect(queue).toHaveLength(20);
    expect(new Set(queue.map((q) => q.callId)).size).toBe(20);
    const firstThree = queue.slice(0, 3);
    expect(firstThree.every((q) => q.strategy === "negative_feedback")).toBe(true);
    expect(new Set(firstThree.map((q) => q.callId))).toEqual(new Set(negative));
    expect(firstThree[0]!.callId).toBe(id(5)); // regenerate → strong_negative comes first
    const again = await api("POST", "/api/v1/review/queue", { size: 20, seed: 99 });
    expect(again.status).toBe(200);
    expect((again.body["items"] as ReviewQueueItem[]).map((q) => q.callId)).toEqual(
      queue.map((q) => q.callId),
    );
  });

  it("never queues a call twice: another day's sample takes only calls not seen yet", async () => {
    const r = await api("POST", "/api/v1/review/queue", { size: 60, day: "2099-01-01", lookbackDays: 365 });
    const other = (r.body["items"] as ReviewQueueItem[]).map((q) => q.callId);
    expect(other).toHaveLength(40);
    expect(other.filter((c) => queue.some((q) => q.callId === c))).toEqual([]);
  });

  it("locks a call per reviewer; another reviewer's lock is a 409, a missing call a 404", async () => {
    const ana = await api("GET", "/api/v1/review/queue/next?reviewer=ana");
    const bo = await api("GET", "/api/v1/review/queue/next?reviewer=bo");
    expect(ana.status).toBe(200);
    expect(ana.body["item"]["callId"]).toBe(id(5));
    expect(ana.body["call"]["id"]).toBe(id(5));
    expect(bo.body["item"]["callId"]).not.toBe(id(5));
    const stolen = await api("POST", "/api/v1/review/annotations", {
      callId: bo.body["item"]["callId"],
      reviewer: "ana",
      verdict: "pass",
    });
    expect(stolen.status).toBe(409);
    expect(stolen.body["error"]["code"]).toBe("GENCHI_CONFLICT");
    expect(stolen.body["error"]["message"]).toContain("being reviewed by bo");
    const gone = await api("POST", "/api/v1/review/annotations", {
      callId: "no-such-call",
      reviewer: "ana",
      verdict: "fail",
      tags: ["refusal"],
    });
    expect(gone.status).toBe(404);
    expect(gone.body["error"]["message"]).toContain("no call 'no-such-call'");
    const bad = await api("POST", "/api/v1/review/annotations", {
      callId: id(5),
      reviewer: "ana",
      verdict: "meh",
    });
    expect(bad.status).toBe(400);
    expect(bad.body["error"]["message"]).toContain("verdict");
  });

  it("stores a failure with tags and a correction; the correction becomes a dataset item", async () => {
    const r = await api("POST", "/api/v1/review/annotations", {
      callId: id(5),
      reviewer: "ana",
      verdict: "fail",
      tags: ["refusal", "apology"],
      note: 'refused a billing question with "sorry"',
      correction: "billing",
    });
    expect(r.status).toBe(201);
    expect(r.body["annotation"]["tags"]).toEqual(["apology", "refusal"]);
    expect(r.body["datasetItem"]).toEqual({ dataset: "review-categorize", id: `review-${id(5)}` });
    const items = await api("GET", "/api/v1/datasets/review-categorize/items");
    expect(items.body["data"][0]).toMatchObject({
      expected: "billing",
      sourceCallId: id(5),
      vars: { input: "ticket 5: I was charged twice" },
    });
    const detail = await api("GET", `/api/v1/calls/${id(5)}`);
    expect(detail.body["annotations"][0]).toMatchObject({ reviewer: "ana", verdict: "fail" });
    const next = await api("GET", "/api/v1/review/queue/next?reviewer=ana");
    expect(next.body["item"]["callId"]).not.toBe(id(5));
    expect(next.body["progress"]).toMatchObject({ total: 20, done: 1, reviewedByMe: 1, streak: 1 });
    // ana passes the next call too: a reviewed pass to backtest on.
    const pass = await api("POST", "/api/v1/review/annotations", {
      callId: next.body["item"]["callId"],
      reviewer: "ana",
      verdict: "pass",
    });
    expect(pass.status).toBe(201);
  });

  it("reports review stats: reviewed and failed today, failure modes, today's reviewers", async () => {
    const r = await api("GET", "/api/v1/review/stats?days=7");
    expect(r.status).toBe(200);
    expect(r.body["days"]).toHaveLength(7);
    expect(r.body["days"][6]).toMatchObject({ reviewed: 2, failed: 1, byTag: { apology: 1, refusal: 1 } });
    expect(r.body["reviewersToday"]).toEqual(["ana"]);
    expect((await api("GET", "/api/v1/review/stats?days=0")).status).toBe(400);
  });

  it("renames and merges failure modes; a rename onto a taken name is a 409", async () => {
    const modes = (await api("GET", "/api/v1/review/failure-modes")).body["data"] as Json[];
    expect(modes.map((m) => m["name"])).toEqual(["apology", "refusal"]);
    const renamed = await api("PATCH", "/api/v1/review/failure-modes/refusal", { name: "refuses" });
    expect(renamed.body["name"]).toBe("refuses");
    const clash = await api("PATCH", "/api/v1/review/failure-modes/refuses", { name: "apology" });
    expect(clash.status).toBe(409);
    const merged = await api("POST", "/api/v1/review/failure-modes/apology/merge", { into: "refuses" });
    expect(merged.status).toBe(200);
    const a = await api("GET", `/api/v1/review/annotations?callId=${id(5)}`);
    expect(a.body["data"][0]["tags"]).toEqual(["refuses"]);
    expect((await api("POST", "/api/v1/review/failure-modes/nope/merge", { into: "refuses" })).status).toBe(
      404,
    );
  });

  it("proposes assertions for the failure, each checked against the reviewed calls it was derived from", async () => {
    const r = await api("GET", `/api/v1/review/calls/${id(5)}/proposals`);
    expect(r.status).toBe(200);
    const proposals = r.body["proposals"] as Json[];
    expect(proposals.map((p) => p["kind"])).toEqual([
      "regex",
      "contains",
      "not-contains",
      "length",
      "llm-rubric",
    ]);
    for (const p of proposals) {
      const rows = p["backtest"]["rows"] as Json[];
      const self = rows.find((x) => x["callId"] === id(5))!;
      expect(self["human"]).toBe("fail");
      if (p["kind"] === "llm-rubric") expect(self["predicted"]).toBeNull();
      else expect(self["predicted"], String(p["kind"])).toBe("fail");
    }
    const regex = proposals[0]!;
    expect(regex["backtest"]["caughtFailures"]).toBe(1);
    expect(regex["backtest"]["falseFailures"]).toBe(0);
  });

  it("rejects an invalid regex with a clear 400, stores a valid assertion and exports the suite", async () => {
    const bad = await api("POST", "/api/v1/review/suites/categorize/assertions", {
      assert: { type: "regex", value: "([a-z" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body["error"]["message"]).toContain("invalid regex");
    const badBacktest = await api("POST", "/api/v1/review/backtest", {
      route: "categorize",
      assert: { type: "not-regex", value: "(" },
    });
    expect(badBacktest.status).toBe(400);
    const missing = await api("GET", "/api/v1/review/suites/no-such-route.yaml");
    expect(missing.status).toBe(404);
    expect(missing.body["error"]["message"]).toContain("nothing to export");
    const added = await api("POST", "/api/v1/review/suites/categorize/assertions", {
      description: "no apology",
      assert: { type: "not-contains", value: "sorry" },
      sourceCallId: id(5),
    });
    expect(added.status).toBe(201);
    const yaml = await api("GET", "/api/v1/review/suites/categorize.yaml?apiBaseUrl=http://127.0.0.1:9/v1");
    expect(yaml.status).toBe(200);
    expect(yaml.headers.get("x-genchi-warnings")).toBe("0");
    const suite = parse(yaml.body["text"] as string) as Json;
    expect(suite["defaultTest"]).toBeUndefined();
    expect(suite["prompts"]).toEqual(["{{messages}}"]);
    expect(suite["providers"][0]).toEqual({
      id: "openai:chat:gpt-4o",
      config: { apiBaseUrl: "http://127.0.0.1:9/v1" },
    });
    const tests = suite["tests"] as Json[];
    const five = tests.find((t) => t["metadata"]["callId"] === id(5))!;
    expect(JSON.parse(five["vars"]["messages"] as string)).toEqual([
      { role: "user", content: "ticket 5: I was charged twice" },
    ]);
    // the correction is this test's expectation; the added assertion holds on it
    expect(five["assert"]).toEqual([
      { type: "equals", value: "billing", metric: "correction" },
      { type: "not-contains", value: "sorry", metric: "no apology" },
    ]);
    for (const t of tests)
      expect(t["assert"]).toContainEqual({ type: "not-contains", value: "sorry", metric: "no apology" });
  });
});
