/**
 * The providers' HTTP client over real loopback servers: kept-alive sockets are reused,
 * a compressed answer is decoded, a server that closes idle sockets does not fail requests,
 * calls and cache hits are counted, and an unreachable server is a GENCHI_UPSTREAM error that names the URL.
 */
import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { createHttpClient } from "./http-client.js";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A JSON echo server counting the connections it accepts. */
async function echoServer(opts: { gzip?: boolean; keepAliveTimeout?: number } = {}) {
  let connections = 0;
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const text = JSON.stringify({ echo: JSON.parse(body), auth: req.headers.authorization ?? null });
      if (opts.gzip) {
        res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
        res.end(gzipSync(text));
      } else {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(text);
      }
    });
  });
  if (opts.keepAliveTimeout !== undefined) server.keepAliveTimeout = opts.keepAliveTimeout;
  server.on("connection", () => connections++);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/x`;
  return { url, connections: () => connections };
}

describe("http client", () => {
  it("reuses kept-alive sockets across sequential requests", async () => {
    const s = await echoServer();
    const http = createHttpClient();
    for (let i = 0; i < 20; i++) {
      const r = await http.postJson(s.url, { i }, { authorization: "Bearer k" });
      expect(r.body).toEqual({ echo: { i }, auth: "Bearer k" });
      expect(r.cached).toBe(false);
    }
    expect(s.connections()).toBe(1);
  });

  it("counts upstream calls and cache hits; a request may skip the cache", async () => {
    const s = await echoServer();
    const http = createHttpClient({ cacheDir: join(mkdtempSync(join(tmpdir(), "genchi-http-")), "cache") });
    expect((await http.postJson(s.url, { q: 1 }, {})).cached).toBe(false);
    expect((await http.postJson(s.url, { q: 1 }, {})).cached).toBe(true);
    expect((await http.postJson(s.url, { q: 1 }, {}, { cache: false })).cached).toBe(false);
    expect((await http.postJson(s.url, { q: 2 }, {}, { cache: false })).cached).toBe(false);
    // { cache: false } wrote nothing: q 2 is still a miss
    expect((await http.postJson(s.url, { q: 2 }, {})).cached).toBe(false);
    expect(http.counts()).toEqual({ upstreamCalls: 4, cacheHits: 1 });
  });

  it("decodes a gzip-encoded answer", async () => {
    const s = await echoServer({ gzip: true });
    const r = await createHttpClient().postJson(s.url, { q: "é" }, {});
    expect(r.body).toEqual({ echo: { q: "é" }, auth: null });
  });

  it("survives a server that closes idle sockets between requests", async () => {
    const s = await echoServer({ keepAliveTimeout: 1 });
    const http = createHttpClient({ retries: 0 });
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 20));
      expect((await http.postJson(s.url, { i }, {})).body).toMatchObject({ echo: { i } });
    }
  });

  it("reports an unreachable server as GENCHI_UPSTREAM naming the URL", async () => {
    const s = await echoServer();
    await new Promise((r) => servers.pop()?.close(r));
    const http = createHttpClient({ retries: 1, baseDelayMs: 1 });
    await expect(http.postJson(s.url, {}, {})).rejects.toMatchObject({
      code: "GENCHI_UPSTREAM",
      message: expect.stringContaining(`cannot reach ${s.url}`),
    });
    await expect(http.postJson("ftp://x/y", {}, {})).rejects.toMatchObject({ code: "GENCHI_UPSTREAM" });
  });
});
