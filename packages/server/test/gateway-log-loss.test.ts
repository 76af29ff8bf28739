/**
 * The gateway's log accounting under real storage faults, through real HTTP, a real genchi server
 * on each backend and the scripted upstream, with two projects and their own keys:
 * - writes that fail (another connection holds the calls table's write lock) lose nothing
 *   silently: per project, stored + dropped = answered once storage is back;
 * - a call the database refuses every time (a constraint added for the test) is dropped with a
 *   count and never holds back later calls;
 * - a project's `GET /api/v1/gateway/stats` counts its own traffic only.
 */

import { storeBackends } from "@genchi/testkit";
import Database from "better-sqlite3";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import type { GatewayStats } from "../src/features/gateway/gateway.js";
import { displayPrefix, generateKey, hashKey } from "../src/platform/keys/project-keys.js";
import { type GatewayHarness, startGatewayHarness } from "./gateway-harness.js";

interface Project {
  id: string;
  key: string;
  answered: number;
}

/**
 * A real, recoverable storage fault: another connection holds the calls table's write lock (a
 * long migration, say), and the writer gives up waiting (PostgreSQL: the database's lock_timeout,
 * set for the test before genchi connects; SQLite: the writer's 10 s busy timeout).
 */
interface Fault {
  /** Run before genchi opens the database. */
  prepare(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

function lockFault(backend: string, url: string): Fault {
  if (backend === "postgres") {
    const locker = new pg.Client({ connectionString: url });
    return {
      async prepare() {
        await locker.connect();
        await locker.query(`ALTER DATABASE "${new URL(url).pathname.slice(1)}" SET lock_timeout = 250`);
      },
      async start() {
        await locker.query("BEGIN");
        await locker.query("LOCK TABLE calls IN SHARE MODE");
      },
      async stop() {
        await locker.query("ROLLBACK");
        await locker.end();
      },
    };
  }
  let locker: Database.Database | null = null;
  return {
    async prepare() {},
    async start() {
      locker = new Database(url);
      locker.exec("BEGIN EXCLUSIVE");
    },
    async stop() {
      locker?.exec("COMMIT");
      locker?.close();
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(storeBackends)("gateway log accounting on %s", (backend, makeTarget) => {
  let h: GatewayHarness | null = null;
  let cleanup: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await h?.close();
    await cleanup?.();
    h = null;
    cleanup = null;
  });

  /** A genchi server on a fresh database with two projects: `a` (the default) and `b`. */
  async function start(
    gateway: Record<string, number>,
    extra: Record<string, unknown> = {},
    withFault = false,
  ) {
    const target = await makeTarget();
    cleanup = target.cleanup;
    const fault = withFault ? lockFault(backend, target.url) : null;
    await fault?.prepare();
    h = await startGatewayHarness({ db: target.url, gateway, ...extra });
    const store = h.server.store;
    const a: Project = { id: (await store.ensureProject("default")).id, key: h.key, answered: 0 };
    const second = await store.ensureProject("second");
    const bKey = generateKey("secret");
    await store.createKey({
      projectId: second.id,
      kind: "secret",
      hash: hashKey(bKey),
      prefix: displayPrefix(bKey),
      name: "second",
    });
    const b: Project = { id: second.id, key: bKey, answered: 0 };
    return { url: target.url, a, b, fault };
  }

  const send = async (p: Project, model = "gpt-4o-mini", route?: string) => {
    const res = await fetch(`${h!.server.url}/v1/chat/completions`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-genchi-key": p.key,
        ...(route ? { "x-genchi-route": route } : {}),
      },
      body: JSON.stringify({ model, messages: [{ role: "user", content: `hello from ${p.id}` }] }),
    });
    await res.text();
    expect(res.status).toBe(200);
    p.answered++;
  };
  const stats = async (p: Project) => {
    const res = await fetch(`${h!.server.url}/api/v1/gateway/stats`, {
      headers: { authorization: `Bearer ${p.key}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as GatewayStats;
  };
  const stored = (p: Project) => h!.server.store.countCalls(p.id);
  /** Every call the project was answered is accounted for: stored, dropped, refused, or still queued. */
  const accounted = async (p: Project) => {
    const { log } = await stats(p);
    return (await stored(p)) + log.dropped + log.rejected + log.poisoned + log.queued + log.writing;
  };
  /** Polls until the log queue is idle for both projects and every answered call is accounted for. */
  const settled = async (...projects: Project[]) => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      let done = true;
      for (const p of projects) {
        const { log } = await stats(p);
        if (log.queued > 0 || log.writing > 0 || (await accounted(p)) !== p.answered) done = false;
      }
      if (done || Date.now() > deadline) return;
      await sleep(100);
    }
  };

  it("a storage fault with two projects: per project, stored + dropped = answered once storage is back", async () => {
    const { a, b, fault } = await start(
      { logQueueCapacity: 20, logBatchSize: 10, logLingerMs: 100 },
      {},
      true,
    );
    await send(a);
    await send(b);
    await settled(a, b);
    expect([await stored(a), await stored(b)]).toEqual([1, 1]);

    const failedWrites = async () => (await stats(a)).log.failedWrites + (await stats(b)).log.failedWrites;
    await fault!.start();
    // Alternating, so every batch holds calls of both projects; more than the queue holds.
    for (let i = 0; i < 30; i++) {
      await send(a);
      await send(b);
    }
    // Writes fail for a while (SQLite: each waits out the writer's 10 s busy timeout first).
    const failures = backend === "postgres" ? 3 : 1;
    const deadline = Date.now() + 60_000;
    while ((await failedWrites()) < failures && Date.now() < deadline) await sleep(50);
    await fault!.stop();
    expect(await failedWrites()).toBeGreaterThanOrEqual(failures);

    await settled(a, b);
    for (const p of [a, b]) {
      const { log } = await stats(p);
      const count = await stored(p);
      expect({ project: p.id, stored: count, dropped: log.dropped, queued: log.queued }).toEqual({
        project: p.id,
        stored: p.answered - log.dropped,
        dropped: log.dropped,
        queued: 0,
      });
      expect(log.written).toBe(count);
      expect(log).toMatchObject({ rejected: 0, poisoned: 0 });
    }
    // The queue holds 20: most of the 60 calls answered during the fault did not fit.
    expect((await stats(a)).log.dropped + (await stats(b)).log.dropped).toBeGreaterThan(0);
  }, 120_000);

  it("a call the database refuses every time is dropped with a count and holds back no later call", async () => {
    const { url, a, b } = await start({ logQueueCapacity: 1_000, logBatchSize: 10, logLingerMs: 100 });
    if (backend === "postgres") {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(
        "ALTER TABLE calls ADD CONSTRAINT test_poison CHECK (requested_model IS DISTINCT FROM 'gpt-poison')",
      );
      await c.end();
    } else {
      const db = new Database(url);
      db.exec(
        "CREATE TRIGGER test_poison BEFORE INSERT ON calls WHEN NEW.requested_model = 'gpt-poison' BEGIN SELECT RAISE(ABORT, 'test_poison: refused'); END",
      );
      db.close();
    }
    await send(a, "gpt-poison");
    for (let i = 0; i < 20; i++) {
      await send(a);
      await send(b);
    }
    await settled(a, b);
    expect([await stored(a), await stored(b)]).toEqual([20, 20]);
    const sa = (await stats(a)).log;
    expect(sa).toMatchObject({ poisoned: 1, dropped: 0, queued: 0, written: 20 });
    expect(sa.lastError).toContain("test_poison");
    const sb = (await stats(b)).log;
    expect(sb).toMatchObject({ poisoned: 0, dropped: 0, queued: 0, written: 20 });
    expect(sb.lastError ?? "").not.toContain("test_poison");
  }, 60_000);

  it("a project's gateway stats count its own traffic only, log and shadow", async () => {
    const { a, b } = await start(
      { logQueueCapacity: 1_000, logBatchSize: 10, logLingerMs: 50 },
      { models: { shadow: [{ route: "categorize", candidate: "twin/gpt-4.1-nano", sampleRate: 1 }] } },
    );
    h!.server.config.upstreams["twin"] = { baseUrl: `${h!.upstream.url}/v1` };
    for (let i = 0; i < 5; i++) await send(a, "gpt-4o-mini", "categorize");
    for (let i = 0; i < 2; i++) await send(b);
    // Each of a's calls has a shadow twin, logged in a's name.
    a.answered *= 2;
    const deadline = Date.now() + 20_000;
    while ((await stats(a)).shadow.completed + (await stats(a)).shadow.failed < 5 && Date.now() < deadline)
      await sleep(50);
    await settled(a, b);
    const sa = await stats(a);
    const sb = await stats(b);
    expect(sa.log).toMatchObject({ enqueued: 10, written: 10, queued: 0, dropped: 0 });
    expect(sb.log).toMatchObject({ enqueued: 2, written: 2, queued: 0, dropped: 0 });
    expect(sa.shadow).toMatchObject({ offered: 5, sampled: 5, completed: 5, dropped: 0 });
    expect(sb.shadow).toMatchObject({ offered: 0, sampled: 0, completed: 0, failed: 0, dropped: 0 });
    // Process-wide figures stay: the queue's capacity and the memory.
    expect(sb.log.capacity).toBe(1_000);
    expect(sb.memory.rssMiB).toBeGreaterThan(0);
  }, 60_000);
});
