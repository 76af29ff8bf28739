/**
 * A stuck writer must not stall the proxy: another connection holds the SQLite database's write
 * lock (`BEGIN EXCLUSIVE`, standing for a writer stuck on a slow disk) while retention runs and
 * gateway traffic flows. The requests are answered while retention is still waiting for the
 * lock (its deletes run on the write worker, not on the HTTP thread); once the lock is released
 * retention finishes and the calls are logged.
 */
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayHarness, startGatewayHarness } from "./gateway-harness.js";

describe("gateway with the SQLite write lock held elsewhere", () => {
  let h: GatewayHarness;
  let lock: Database.Database | undefined;

  const post = (route: string) =>
    fetch(`${h.server.url}/v1/chat/completions`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: "Bearer sk-upstream",
        "x-genchi-key": h.key,
        "x-genchi-route": route,
      },
      body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] }),
    });

  beforeAll(async () => {
    h = await startGatewayHarness();
    // An old call for retention to delete, and the key and pins known from a first request.
    const ingest = await fetch(`${h.server.url}/api/v1/ingest`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${h.key}` },
      body: JSON.stringify({
        calls: [{ input: "old", output: "call", route: "old", timestamp: "2000-01-01T00:00:00.000Z" }],
      }),
    });
    expect(((await ingest.json()) as { stored: number }).stored).toBe(1);
    expect((await post("warm")).status).toBe(200);
    expect(await h.calls(1, "&route=warm")).toHaveLength(1);
  });

  afterAll(async () => {
    if (lock?.inTransaction) lock.exec("ROLLBACK");
    lock?.close();
    await h?.close();
  });

  it("answers gateway requests while retention waits for the lock, then deletes and logs", async () => {
    lock = new Database(h.server.config.db);
    lock.exec("BEGIN EXCLUSIVE");

    let retentionSettled = false;
    const retention = h.server.store.deleteCallsBefore(new Date("2001-01-01T00:00:00.000Z")).then(
      (n) => ({ ok: true as const, n }),
      (error: Error) => ({ ok: false as const, error }),
    );
    void retention.then(() => {
      retentionSettled = true;
    });

    const statuses = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const res = await post("locked");
        await res.arrayBuffer();
        return res.status;
      }),
    );
    const health = await fetch(`${h.server.url}/api/health`);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(health.status).toBe(200);
    // Answered while retention was still waiting for the lock: it did not hold the HTTP thread.
    expect(retentionSettled).toBe(false);

    lock.exec("COMMIT");
    expect(await retention).toEqual({ ok: true, n: 1 });
    expect(await h.calls(20, "&route=locked")).toHaveLength(20);
    const old = await fetch(`${h.server.url}/api/v1/calls?route=old`, {
      headers: { authorization: `Bearer ${h.key}` },
    });
    expect(((await old.json()) as { data: unknown[] }).data).toHaveLength(0);
  });
});
