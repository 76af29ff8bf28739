/**
 * `GET /api/health` is liveness and never touches storage; `GET /api/ready` is readiness: 200
 * while storage answers a read within its deadline, 503 with GENCHI_STORAGE when it does not.
 */

import { createTempSqlitePath } from "@genchi/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../src/app/start-server.js";

describe("health and readiness", () => {
  const tmp = createTempSqlitePath();
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ db: tmp.path, port: 0, host: "127.0.0.1", quiet: true });
  });
  afterAll(async () => {
    await server?.close();
    tmp.remove();
  });

  it("ready while storage answers", async () => {
    // Ready means a read answered within 1 s: on a busy machine one probe can miss that, so the
    // test asks again (generously) rather than depend on the machine's speed; never ready fails.
    let res = await fetch(`${server.url}/api/ready`);
    for (const deadline = Date.now() + 20_000; res.status !== 200 && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 100));
      res = await fetch(`${server.url}/api/ready`);
    }
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ready", storage: "sqlite" });
  });

  it("storage gone: health still 200, ready 503 with the reason", async () => {
    await server.store.close();
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${server.url}/api/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      status: "unavailable",
      storage: "sqlite",
      error: { code: "GENCHI_STORAGE" },
    });
  });
});
