/**
 * Holdout refresh on a real SQLite store: a small topic cluster is represented (semantic, real
 * offline embedder) and a small structural stratum too; near-duplicates are skipped; every
 * item keeps its raw text and its call; a seed repeats the pick; bad input fails clearly.
 */
import { generateCalls } from "@genchi/scripted-upstream/generated-calls";
import { GenchiError } from "@genchi/spec";
import { createTempSqlitePath } from "@genchi/testkit";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { main } from "../../app/main.js";
import { openStore } from "../../app/open-store.js";
import type { Store } from "../../platform/store/store.js";
import { completeCall } from "../calls/normalize-call.js";
import { energeticEmbedder } from "./embedders/energetic-embedder.js";
import { openAiEmbedder } from "./embedders/openai-embedder.js";
import { refreshHoldout } from "./refresh-holdout.js";
import { normalisedText, textSimilarity } from "./stratified-pick.js";

const tmp = createTempSqlitePath();
let store: Store;
let projectId: string;
const now = Date.now();
const texts = new Map<string, string>();
const topics = new Map<string, string>();

function addCall(id: string, route: string, text: string, minutesAgo: number, topic = "") {
  texts.set(id, text);
  topics.set(id, topic);
  return completeCall({
    id,
    route,
    model: "gpt-4o-mini",
    timestamp: new Date(now - minutesAgo * 60_000).toISOString(),
    input: [{ role: "user", content: text }],
    output: '{"category":"x"}',
  });
}

beforeAll(async () => {
  store = await openStore(tmp.path);
  projectId = (await store.ensureProject("default")).id;
  // support: 300 distinct questions, 5% of them on a new topic (solar)
  const support = generateCalls({ n: 300, seed: 9, newTopicShare: 0.05, orderNumbers: true });
  await store.insertCalls(
    projectId,
    support.map((c, i) => addCall(`s-${i}`, "support", c.input, i + 1, c.topic)),
  );
  // tickets: 120 text inputs, 6 JSON inputs (a small structural stratum), 40 copies of one
  // text (case and spacing changed) and a typo'd near-copy, and one old call outside the window
  const tickets = generateCalls({ n: 120, seed: 4, typoShare: 0.3, orderNumbers: true }).map((c, i) =>
    addCall(`t-${i}`, "tickets", c.input, i + 1),
  );
  for (let i = 0; i < 6; i++)
    tickets.push(addCall(`j-${i}`, "tickets", JSON.stringify({ ticket: i, body: "refund" }), 200 + i));
  for (let i = 0; i < 40; i++)
    tickets.push(
      addCall(
        `d-${i}`,
        "tickets",
        i % 2 ? "WHERE is my parcel?!  Order 5" : "where is my parcel order 5",
        300 + i,
      ),
    );
  tickets.push(addCall("d-typo", "tickets", "where is my parcle order 5", 400));
  tickets.push(addCall("old", "tickets", "an old question from last month", 60 * 24 * 30));
  await store.insertCalls(projectId, tickets);
}, 60_000);

afterAll(async () => {
  await store.close();
  tmp.remove();
});

const since = () => new Date(now - 7 * 86_400_000).toISOString();

describe("refreshHoldout", () => {
  test("semantic strata: the new topic (5% of calls) is represented in a 20-item holdout", async () => {
    const result = await refreshHoldout(store, projectId, {
      route: "support",
      n: 20,
      since: since(),
      dataset: "support-semantic",
      embedder: energeticEmbedder(),
    });
    expect(result.stratifiedBy).toBe("semantic");
    expect(result.note).toBeNull();
    expect(result.stored).toBe(20);
    expect(result.strata.length).toBeGreaterThanOrEqual(2);
    expect(result.strata.every((s) => s.picked >= 1)).toBe(true);
    const solar = result.items.filter((i) => topics.get(i.callId) === "solar");
    expect(solar.length).toBeGreaterThanOrEqual(1);
  }, 120_000);

  test("structural strata: the 6 JSON inputs are represented; near-duplicates skipped", async () => {
    const result = await refreshHoldout(store, projectId, {
      route: "tickets",
      n: 25,
      since: since(),
      dataset: "tickets-a",
      seed: 3,
    });
    expect(result.stratifiedBy).toBe("structural");
    expect(result.scanned).toBe(167); // the old call is outside the window
    expect(result.items.some((i) => i.callId.startsWith("j-"))).toBe(true);
    expect(result.strata.find((s) => s.key.startsWith("json-object"))?.picked).toBeGreaterThanOrEqual(1);
    const picked = result.items.map((i) => normalisedText(texts.get(i.callId) as string));
    for (let a = 0; a < picked.length; a++)
      for (let b = a + 1; b < picked.length; b++)
        expect(textSimilarity(picked[a] as string, picked[b] as string)).toBeLessThan(0.9);
    expect(result.items.filter((i) => i.callId.startsWith("d-")).length).toBeLessThanOrEqual(1);
    expect(result.duplicatesRemoved).toBeGreaterThan(0);
  });

  test("provenance: raw text (typos kept), the call's id, a refresh adds no near-copies", async () => {
    const first = await refreshHoldout(store, projectId, {
      route: "tickets",
      n: 30,
      since: since(),
      dataset: "tickets-b",
    });
    const page = await store.datasets.listItems(projectId, first.dataset.id, { limit: 100 });
    expect(page.data).toHaveLength(30);
    for (const item of page.data) {
      expect(item.sourceCallId).not.toBeNull();
      expect(item.vars.input).toBe(texts.get(item.sourceCallId as string));
      expect(item.metadata).toMatchObject({ source: "holdout-refresh", stratifiedBy: "structural" });
    }
    const again = await refreshHoldout(store, projectId, {
      route: "tickets",
      n: 30,
      since: since(),
      dataset: "tickets-b",
    });
    const ids = new Set(page.data.map((i) => i.sourceCallId));
    expect(again.items.some((i) => ids.has(i.callId))).toBe(false);
    expect(again.dataset.itemCount).toBe(30 + again.stored);
  });

  test("seeded: the same seed picks the same calls, another seed others", async () => {
    const run = (dataset: string, seed: number) =>
      refreshHoldout(store, projectId, { route: "tickets", n: 15, since: since(), dataset, seed });
    const a = await run("tickets-seed-1", 7);
    const b = await run("tickets-seed-2", 7);
    const c = await run("tickets-seed-3", 8);
    expect(b.items).toEqual(a.items);
    expect(c.items.map((i) => i.callId)).not.toEqual(a.items.map((i) => i.callId));
  });

  test("an embedder that cannot be reached: structural strata, and the result says so", async () => {
    const result = await refreshHoldout(store, projectId, {
      route: "tickets",
      n: 5,
      since: since(),
      dataset: "tickets-fallback",
      embedder: openAiEmbedder({ baseUrl: "http://127.0.0.1:9/v1", model: "none" }),
    });
    expect(result.stratifiedBy).toBe("structural");
    expect(result.note).toMatch(/unavailable.*structural key/);
  });

  test("bad input: unknown route, empty window, n < 1", async () => {
    const fails = (route: string, s: string, n = 5) =>
      refreshHoldout(store, projectId, { route, n, since: s }).catch((e: unknown) => e);
    const unknown = await fails("no-such-route", since());
    expect(unknown).toBeInstanceOf(GenchiError);
    expect(unknown).toMatchObject({ code: "GENCHI_NOT_FOUND" });
    expect((unknown as Error).message).toMatch(/unknown route 'no-such-route'/);
    const empty = await fails("tickets", new Date(now + 60_000).toISOString());
    expect(empty).toMatchObject({ code: "GENCHI_BAD_REQUEST" });
    expect((empty as Error).message).toMatch(/widen since/);
    expect(await fails("tickets", since(), 0)).toMatchObject({ code: "GENCHI_BAD_REQUEST" });
    expect((await store.datasets.list(projectId)).some((d) => d.name === "no-such-route-holdout")).toBe(
      false,
    );
  });
});

describe("genchi dataset refresh", () => {
  test("end to end: adds items and prints the strata; an unknown route exits 2 naming it", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    const writeErr = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((s: string) => out.push(s) > 0) as typeof process.stdout.write;
    process.stderr.write = ((s: string) => err.push(s) > 0) as typeof process.stderr.write;
    const args = ["--db", tmp.path, "--no-semantic", "--since", "7d"];
    try {
      process.exitCode = 0;
      await main(["node", "genchi", "dataset", "refresh", "--route", "tickets", "--n", "12", ...args]);
      expect(process.exitCode).toBe(0);
      await main(["node", "genchi", "dataset", "refresh", "--route", "nope", ...args]);
      expect(process.exitCode).toBe(2);
    } finally {
      process.stdout.write = write;
      process.stderr.write = writeErr;
      process.exitCode = 0;
    }
    expect(out.join("")).toMatch(/dataset tickets-holdout: 12 items added/);
    expect(out.join("")).toMatch(/stratified by structural key/);
    expect(err.join("")).toMatch(/unknown route 'nope'/);
  });
});
