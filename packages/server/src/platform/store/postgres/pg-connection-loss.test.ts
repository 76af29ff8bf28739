/**
 * A PostgreSQL connection cut while a query runs (pg_terminate_backend stands for a server
 * restart or a failover) fails that query with a storage error; it must never end the process.
 */

import { createTestDatabase } from "@genchi/testkit";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../../app/open-store.js";
import type { Store } from "../store.js";
import { pgTransaction } from "./pg-transaction.js";

describe("PostgreSQL connection loss", () => {
  let url: string;
  let drop: () => Promise<void>;
  let admin: pg.Client;
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);

  beforeAll(async () => {
    ({ url, drop } = await createTestDatabase());
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    process.on("uncaughtException", onUncaught);
  });

  afterAll(async () => {
    process.off("uncaughtException", onUncaught);
    await admin.end();
    await drop();
  });

  /** Terminates every other backend of this database once one is running `pg_sleep`. */
  async function terminateSleeper(): Promise<void> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { rows } = await admin.query(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()",
      );
      if (rows.length > 0) {
        for (const r of rows) await admin.query("SELECT pg_terminate_backend($1)", [r.pid]);
        return;
      }
      if (Date.now() > deadline) throw new Error("the sleeping query never started");
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it("a transaction whose backend is terminated rejects with GENCHI_STORAGE, and the pool goes on", async () => {
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    pool.on("error", () => {});
    const work = pgTransaction(pool, (client) => client.query("SELECT pg_sleep(30)"));
    const outcome = work.then(
      () => "resolved",
      (error: { code?: string }) => error.code,
    );
    await terminateSleeper();
    expect(await outcome).toBe("GENCHI_STORAGE");
    // Give the socket's close event a turn to fire: it must find a listener.
    await new Promise((r) => setTimeout(r, 200));
    expect(uncaught).toEqual([]);
    expect((await pool.query("SELECT 1 AS one")).rows[0].one).toBe(1);
    await pool.end();
  });

  it("the store survives a terminated backend under a plain query and answers the next one", async () => {
    const store: Store = await openStore(url);
    await store.migrate();
    const project = await store.ensureProject("loss");
    // A plain (pooled, non-transaction) query cut mid-flight.
    const pool = (store as unknown as { pool: pg.Pool }).pool;
    const sleeping = pool.query("SELECT pg_sleep(30)").then(
      () => "resolved",
      () => "rejected",
    );
    await terminateSleeper();
    expect(await sleeping).toBe("rejected");
    await new Promise((r) => setTimeout(r, 200));
    expect(uncaught).toEqual([]);
    expect((await store.getProjectByName("loss"))?.id).toBe(project.id);
    await store.close();
  });
});
