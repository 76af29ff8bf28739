/**
 * `GET /api/v1/bootstrap` against DNS rebinding: a page on an attacker's name that resolves to
 * 127.0.0.1 reaches a loopback server from the user's browser, but its requests carry the
 * attacker's name in `Host`. The key is handed over only for a loopback Host.
 */
import http from "node:http";
import { createTempSqlitePath } from "@genchi/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../src/app/start-server.js";

const key = "gk_test_bootstrap_host_0123456789ab";

/** GET /api/v1/bootstrap with this Host header (undefined: none at all). */
function bootstrap(port: number, host: string | undefined): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: "/api/v1/bootstrap",
        // Node's client puts its own Host in place of an empty one; an explicit list keeps it.
        setHost: false,
        headers: host !== undefined ? ["host", host] : [],
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString();
          resolve({ status: res.statusCode ?? 0, body: text === "" ? null : JSON.parse(text) });
        });
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describe("bootstrap and the Host header", () => {
  let server: RunningServer;
  let port: number;
  const tmp = createTempSqlitePath();
  beforeAll(async () => {
    server = await startServer({
      db: tmp.path,
      port: 0,
      host: "127.0.0.1",
      initProjectKey: key,
      quiet: true,
    });
    port = Number(new URL(server.url).port);
  });
  afterAll(async () => {
    await server?.close();
    tmp.remove();
  });

  it("hands the key over for a loopback Host, with or without a port", async () => {
    const hosts = [
      "localhost",
      `localhost:${port}`,
      "LocalHost",
      `127.0.0.1:${port}`,
      "127.0.0.1",
      "127.1.2.3:8080",
      "[::1]",
      `[::1]:${port}`,
    ];
    for (const host of hosts) {
      const res = await bootstrap(port, host);
      expect(res.status, host).toBe(200);
      expect(res.body, host).toEqual({ localMode: true, project: "default", key });
    }
  });

  it("gives no key for any other Host (a rebound name, a look-alike) or none", async () => {
    const hosts = [
      `evil.example:${port}`,
      "evil.example",
      "localhost.evil.example",
      "127.0.0.1.evil.example",
      "localhost:80.evil.example",
      "[::1].evil.example",
      "[::2]",
      "10.0.0.1",
      "0.0.0.0",
      "127.0.0.1:not-a-port",
      "",
    ];
    for (const host of hosts) {
      const res = await bootstrap(port, host);
      expect(res.status, String(host)).toBe(200);
      expect(res.body, String(host)).toEqual({ localMode: false, project: "default" });
    }
    // No Host at all: Node refuses an HTTP/1.1 request without one; either way, no key.
    const none = await bootstrap(port, undefined);
    expect(none.body ?? {}).not.toHaveProperty("key");
  });
});
