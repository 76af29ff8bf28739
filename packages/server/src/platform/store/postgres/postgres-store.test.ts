/**
 * What only the PostgreSQL store has to get right (the shared behaviour is in
 * `store.contract.test.ts`): several processes migrating and inserting at once, seq
 * collisions, text PostgreSQL cannot hold, and search that splits words like SQLite's.
 */
import type { Call } from "@genchi/spec";
import { createTestDatabase } from "@genchi/testkit";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corePostgresMigrations as postgresMigrations } from "./postgres-migrations.js";
import { PostgresStore } from "./postgres-store.js";

function makeCall(id: string, over: Partial<Call> = {}): Call {
  return {
    id,
    timestamp: "2026-11-01T12:00:00.000Z",
    route: "categorize",
    source: "sdk",
    provider: "openai",
    requestedModel: "gpt-4o-mini",
    model: "gpt-4o-mini",
    input: [{ role: "user", content: `question ${id}` }],
    output: { role: "assistant", content: "answer" },
    status: "ok",
    error: null,
    latencyMs: 100,
    ttftMs: null,
    usage: null,
    costUsd: null,
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

describe("PostgresStore", () => {
  let url: string;
  let drop: () => Promise<void>;
  const stores: PostgresStore[] = [];
  const open = (seqSalt?: number): PostgresStore => {
    const store = new PostgresStore({ connectionString: url, ...(seqSalt === undefined ? {} : { seqSalt }) });
    stores.push(store);
    return store;
  };

  beforeAll(async () => {
    ({ url, drop } = await createTestDatabase());
  });

  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await drop();
  });

  it("refreshes planner statistics itself after enough new rows", async () => {
    const store = open();
    await store.migrate();
    const project = (await store.ensureProject("analyze")).id;
    const lastAnalyze = async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query(
        "SELECT last_analyze, last_autoanalyze FROM pg_stat_user_tables WHERE relname = 'calls'",
      );
      await client.end();
      return rows[0]?.last_analyze ?? null;
    };
    const before = await lastAnalyze();
    for (let b = 0; b < 11; b++) {
      await store.insertCalls(
        project,
        Array.from({ length: 1000 }, (_, i) => makeCall(`an-${b}-${i}`)),
      );
    }
    let after = await lastAnalyze();
    for (let i = 0; i < 50 && String(after) === String(before); i++) {
      await new Promise((r) => setTimeout(r, 200));
      after = await lastAnalyze();
    }
    expect(after).not.toBeNull();
    expect(String(after)).not.toBe(String(before));
  });

  it("migrates once when several processes start together", async () => {
    await Promise.all([open(), open(), open(), open()].map((s) => s.migrate()));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query("SELECT name FROM genchi_migrations ORDER BY name");
    await client.end();
    expect(rows.map((r) => r.name)).toEqual(postgresMigrations.map((m) => m.name).sort());
  });

  it("stores every call when two processes hand out the same seqs", async () => {
    const a = open(0);
    const b = open(0);
    const project = (await a.ensureProject("collide")).id;
    const batch = (p: string) => Array.from({ length: 50 }, (_, i) => makeCall(`${p}-${i}`));
    const [ra, rb] = await Promise.all([
      a.insertCalls(project, batch("a")),
      b.insertCalls(project, batch("b")),
    ]);
    expect([...ra, ...rb].every((o) => o === "stored")).toBe(true);
    // b again, same ms: every seq it hands out now is taken
    expect((await b.insertCalls(project, batch("c"))).every((o) => o === "stored")).toBe(true);
    expect(await a.countCalls(project)).toBe(150);
    const page = await a.listCalls(project, { limit: 1000 });
    expect(new Set(page.data.map((c) => c.id)).size).toBe(150);
  });

  it("stores each id once when two processes insert the same calls at once, in any order", async () => {
    const a = open();
    const b = open();
    const project = (await a.ensureProject("race")).id;
    const calls = Array.from({ length: 200 }, (_, i) =>
      makeCall(`race-${i}`, { timestamp: new Date(i).toISOString() }),
    );
    const [ra, rb] = await Promise.all([
      a.insertCalls(project, calls),
      b.insertCalls(project, [...calls].reverse()),
    ]);
    const rbInOrder = [...rb].reverse();
    expect(calls.every((_, i) => [ra[i], rbInOrder[i]].sort().join() === "duplicate,stored")).toBe(true);
    expect(await a.countCalls(project)).toBe(200);
  });

  it("keeps more calls in one millisecond than seqs it has, in one batch and the next", async () => {
    const store = open(0);
    const project = (await store.ensureProject("dense")).id;
    const first = Array.from({ length: 1500 }, (_, i) => makeCall(`d1-${i}`));
    expect((await store.insertCalls(project, first)).every((o) => o === "stored")).toBe(true);
    const second = Array.from({ length: 300 }, (_, i) => makeCall(`d2-${i}`));
    expect((await store.insertCalls(project, second)).every((o) => o === "stored")).toBe(true);
    expect(await store.countCalls(project)).toBe(1800);
  });

  it("reports a repeated id within a batch as stored once, then duplicate", async () => {
    const store = open();
    const project = (await store.ensureProject("repeat")).id;
    const outcomes = await store.insertCalls(project, [
      makeCall("r-1"),
      makeCall("r-1", { route: "second" }),
      makeCall("r-2"),
    ]);
    expect(outcomes).toEqual(["stored", "duplicate", "stored"]);
    expect((await store.getCall(project, "r-1"))?.route).toBe("categorize");
  });

  it("stores text with NUL characters instead of failing the batch", async () => {
    const store = open();
    const project = (await store.ensureProject("nul")).id;
    const call = makeCall("n-1", { error: "bad\u0000byte", input: "prompt\u0000with nul" });
    expect(await store.insertCalls(project, [call])).toEqual(["stored"]);
    const back = await store.getCall(project, "n-1");
    expect(back?.input).toBe("prompt\u0000with nul");
    expect(back?.error).toBe("bad\uFFFDbyte");
  });

  it("finds words inside addresses, numbers and accented text, as SQLite does", async () => {
    const store = open();
    const project = (await store.ensureProject("words")).id;
    const input = "Write to user@example.com about v1.2.3 of the café app, costs 3.14 (see /usr/bin/tool)";
    await store.insertCalls(project, [makeCall("w-1", { input })]);
    for (const q of ["example", "user@example.com", "v1.2", "cafe", "Café", "14", "bin tool", "CAFÉ app"]) {
      expect(
        (await store.listCalls(project, { limit: 5, q })).data.map((c) => c.id),
        q,
      ).toEqual(["w-1"]);
    }
    expect((await store.listCalls(project, { limit: 5, q: "caf" })).data).toEqual([]);
    expect((await store.listCalls(project, { limit: 5, q: "') OR true --" })).data).toEqual([]);
  });

  it("rejects a malformed project id with a typed error", async () => {
    await expect(open().getCall("1 OR 1=1", "x")).rejects.toMatchObject({ code: "GENCHI_NOT_FOUND" });
  });
});
