import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { UpstreamClient, type UpstreamExchange } from "./upstream-client.js";

/** What a handler heard, in order, and how the exchange ended. */
interface Collected {
  status: number | null;
  statusMessage: string;
  rawHeaders: string[];
  chunks: Buffer[];
  body: Buffer;
  /** "head", "data", "end", "error" in the order the callbacks came. */
  events: string[];
  ended: boolean;
  error: Error | null;
  afterHead: boolean | null;
}

interface Sent {
  exchange: UpstreamExchange;
  /** The collected response (also filled in as it comes); settles on onEnd or onError. */
  result: Collected;
  done: Promise<Collected>;
}

interface RequestOptions {
  method?: string;
  path?: string;
  headers?: string[];
  body?: Buffer;
  protocol?: "http" | "https";
  hostname?: string;
  onData?: (chunk: Buffer, exchange: UpstreamExchange) => void;
}

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function newClient(): UpstreamClient {
  const client = new UpstreamClient();
  cleanups.push(() => client.close());
  return client;
}

/** Sends a request with `client` and collects the handler's callbacks into a promise. */
function send(client: UpstreamClient, port: number, options: RequestOptions = {}): Sent {
  const hostname = options.hostname ?? "127.0.0.1";
  const body = options.body ?? Buffer.alloc(0);
  const headers = options.headers ?? ["host", `${hostname}:${port}`, "content-length", String(body.length)];
  const result: Collected = {
    status: null,
    statusMessage: "",
    rawHeaders: [],
    chunks: [],
    body: Buffer.alloc(0),
    events: [],
    ended: false,
    error: null,
    afterHead: null,
  };
  let settle: (value: Collected) => void = () => {};
  const done = new Promise<Collected>((resolve) => {
    settle = resolve;
  });
  const holder: { exchange: UpstreamExchange | null } = { exchange: null };
  const exchange = client.request(
    { url: new URL(`${options.protocol ?? "http"}://${hostname}:${port}`), port },
    options.method ?? "POST",
    options.path ?? "/v1/x",
    headers,
    body,
    {
      onHead: (status, statusMessage, rawHeaders) => {
        result.events.push("head");
        result.status = status;
        result.statusMessage = statusMessage;
        result.rawHeaders = rawHeaders;
      },
      onData: (chunk) => {
        result.events.push("data");
        result.chunks.push(Buffer.from(chunk));
        if (options.onData && holder.exchange) options.onData(chunk, holder.exchange);
      },
      onEnd: () => {
        result.events.push("end");
        result.ended = true;
        result.body = Buffer.concat(result.chunks);
        settle(result);
      },
      onError: (error, afterHead) => {
        result.events.push("error");
        result.error = error;
        result.afterHead = afterHead;
        result.body = Buffer.concat(result.chunks);
        settle(result);
      },
    },
  );
  holder.exchange = exchange;
  return { exchange, result, done };
}

/** `promise`, or a clear failure instead of a hang (generous: a busy machine is slow). */
function within<T>(promise: Promise<T>, what = "the exchange", ms = 20_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `check` holds, failing after a generous 20 s. */
async function eventually(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within 20 s`);
    await sleep(5);
  }
}

/** Values of raw header `name` (any case), in order. */
function values(raw: readonly string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]!.toLowerCase() === name) out.push(raw[i + 1]!);
  }
  return out;
}

async function listen(server: net.Server, host = "127.0.0.1"): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

interface Started {
  port: number;
  /** TCP connections accepted so far. */
  connections: () => number;
}

/** Closes an http(s) server and its open connections once the test is over. */
function closeAfterTest(server: { closeAllConnections(): void; close(done: () => void): unknown }): void {
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
}

/** A node:http server on loopback, closed (with its connections) after the test. */
async function httpServer(handler: http.RequestListener): Promise<Started & { server: http.Server }> {
  const server = http.createServer(handler);
  let connections = 0;
  server.on("connection", () => {
    connections++;
  });
  const port = await listen(server);
  closeAfterTest(server);
  return { port, connections: () => connections, server };
}

/**
 * A raw TCP server on loopback: `onRequest` gets each data event (a request goes out as one
 * write, so one event on loopback) with its connection's number and the request's number on it.
 */
async function rawServer(
  onRequest: (socket: net.Socket, data: Buffer, at: { connection: number; request: number }) => void,
): Promise<Started & { received: string[] }> {
  const sockets = new Set<net.Socket>();
  const received: string[] = [];
  let connections = 0;
  const server = net.createServer((socket) => {
    const connection = ++connections;
    let request = 0;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    socket.on("data", (data) => {
      received.push(data.toString("latin1"));
      onRequest(socket, data, { connection, request: ++request });
    });
  });
  const port = await listen(server);
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );
  return { port, connections: () => connections, received };
}

const ok = (body: string) => `HTTP/1.1 200 OK\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

function opensslAvailable(): boolean {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("UpstreamClient", () => {
  it("sends the method, path, headers (repeats and case as given) and body, and hands back status, message, raw headers and body", async () => {
    let seen: {
      method: string | undefined;
      url: string | undefined;
      rawHeaders: string[];
      body: string;
    } | null = null;
    const upstream = await httpServer((req, res) => {
      const parts: Buffer[] = [];
      req.on("data", (c: Buffer) => parts.push(c));
      req.on("end", () => {
        seen = {
          method: req.method,
          url: req.url,
          rawHeaders: req.rawHeaders,
          body: Buffer.concat(parts).toString(),
        };
        res.setHeader("Set-Cookie", ["a=1", "b=2"]);
        res.setHeader("X-Upstream", "yes");
        res.writeHead(201, "Nicely Made");
        res.end("world");
      });
    });
    const client = newClient();
    const headers = [
      "host",
      `127.0.0.1:${upstream.port}`,
      "X-Custom",
      "a",
      "x-custom",
      "b",
      "Content-Type",
      "text/plain",
      "content-length",
      "5",
    ];
    const r = await within(
      send(client, upstream.port, {
        method: "PUT",
        path: "/v1/things?x=1&y=2",
        headers,
        body: Buffer.from("hello"),
      }).done,
    );

    expect(seen).toEqual({ method: "PUT", url: "/v1/things?x=1&y=2", rawHeaders: headers, body: "hello" });
    expect(r.events[0]).toBe("head");
    expect(r.events.at(-1)).toBe("end");
    expect(r.error).toBeNull();
    expect(r.status).toBe(201);
    expect(r.statusMessage).toBe("Nicely Made");
    expect(values(r.rawHeaders, "set-cookie")).toEqual(["a=1", "b=2"]);
    expect(values(r.rawHeaders, "x-upstream")).toEqual(["yes"]);
    expect(r.rawHeaders).toContain("X-Upstream"); // the upstream's own case
    expect(r.body.toString()).toBe("world");
  });

  it("reuses one keep-alive connection for sequential requests and keeps it idle in between", async () => {
    const upstream = await httpServer((req, res) => {
      req.resume();
      req.on("end", () => res.end(`you asked ${req.url}`));
    });
    const client = newClient();
    expect(client.idleCount()).toBe(0);
    const first = await within(send(client, upstream.port, { path: "/one" }).done);
    expect(first.body.toString()).toBe("you asked /one");
    expect(client.idleCount()).toBe(1);
    const second = send(client, upstream.port, { path: "/two" });
    expect(client.idleCount()).toBe(0); // taken by the second request
    expect((await within(second.done)).body.toString()).toBe("you asked /two");
    expect(upstream.connections()).toBe(1);
    expect(client.idleCount()).toBe(1);
  });

  it("streams a chunked response chunk by chunk, without the chunked framing, before onEnd", async () => {
    // Each chunk is written once the client has the one before: never two in one read, however
    // slow the machine (a fixed pause between writes would not promise that).
    let received = 0;
    const upstream = await httpServer(async (req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("data: one\n\n");
      await eventually(() => received === 1, "the first chunk");
      res.write("data: two\n\n");
      await eventually(() => received === 2, "the second chunk");
      res.write("data: three\n\n");
      await eventually(() => received === 3, "the third chunk");
      res.end();
    });
    const client = newClient();
    const r = await within(send(client, upstream.port, { onData: () => void received++ }).done);
    expect(values(r.rawHeaders, "transfer-encoding")).toEqual(["chunked"]);
    expect(r.chunks.map((c) => c.toString())).toEqual(["data: one\n\n", "data: two\n\n", "data: three\n\n"]);
    expect(r.events).toEqual(["head", "data", "data", "data", "end"]);
    expect(client.idleCount()).toBe(1);
  });

  it("reads a response without length or chunking to the connection's end and does not pool that connection", async () => {
    const upstream = await rawServer((socket) => {
      socket.write("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nbody part one, ");
      setTimeout(() => socket.end("part two"), 10);
    });
    const client = newClient();
    const r = await within(send(client, upstream.port).done);
    expect(r.status).toBe(200);
    expect(r.body.toString()).toBe("body part one, part two");
    expect(r.ended).toBe(true);
    expect(r.error).toBeNull();
    expect(client.idleCount()).toBe(0);
    await within(send(client, upstream.port).done);
    expect(upstream.connections()).toBe(2);
  });

  it("skips 1xx heads (100 Continue, 103 Early Hints) and reports only the final head", async () => {
    const upstream = await rawServer((socket) => {
      socket.write("HTTP/1.1 100 Continue\r\n\r\n");
      setTimeout(() => {
        socket.write("HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n");
        socket.write(ok("final"));
      }, 10);
    });
    const client = newClient();
    const r = await within(send(client, upstream.port).done);
    expect(r.events.filter((e) => e === "head")).toHaveLength(1);
    expect(r.status).toBe(200);
    expect(values(r.rawHeaders, "link")).toEqual([]);
    expect(r.body.toString()).toBe("final");
    expect(client.idleCount()).toBe(1);
  });

  it("retries once on a new connection when a reused connection was closed by the server meanwhile", async () => {
    const upstream = await rawServer((socket, _data, at) => {
      // The first connection answers once, then goes away just as the second request arrives.
      if (at.connection === 1 && at.request === 2) socket.destroy();
      else socket.write(ok(`conn ${at.connection} req ${at.request}`));
    });
    const client = newClient();
    const first = await within(send(client, upstream.port).done);
    expect(first.body.toString()).toBe("conn 1 req 1");
    expect(client.idleCount()).toBe(1);
    const second = await within(send(client, upstream.port, { body: Buffer.from("again") }).done);
    expect(second.events).toEqual(["head", "data", "end"]);
    expect(second.body.toString()).toBe("conn 2 req 1");
    expect(upstream.connections()).toBe(2);
    // The retry sent the same request again.
    expect(upstream.received).toHaveLength(3);
    expect(upstream.received[2]).toBe(upstream.received[1]);
    expect(upstream.received[2]!.endsWith("\r\n\r\nagain")).toBe(true);
  });

  it("retries a reused connection only once: a second failure is reported", async () => {
    const upstream = await rawServer((socket, _data, at) => {
      if (at.connection === 1 && at.request === 1) socket.write(ok("first"));
      else socket.destroy();
    });
    const client = newClient();
    await within(send(client, upstream.port).done);
    const r = await within(send(client, upstream.port).done);
    expect(r.events).toEqual(["error"]);
    expect(r.afterHead).toBe(false);
    expect(upstream.connections()).toBe(2);
  });

  it("reports a refused new connection as an error before the head, without retrying", async () => {
    const probe = net.createServer();
    const port = await listen(probe);
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const client = newClient();
    const r = await within(send(client, port).done);
    expect(r.events).toEqual(["error"]);
    expect(r.afterHead).toBe(false);
    expect(r.error?.message).toContain("ECONNREFUSED");
    await sleep(20);
    expect(r.events).toEqual(["error"]);
    expect(client.idleCount()).toBe(0);
  });

  it("reports a connection reset in the middle of the body as an error after the head", async () => {
    const upstream = await rawServer((socket) => {
      socket.write(`HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n${"x".repeat(10)}`);
      setTimeout(() => socket.destroy(), 10);
    });
    const client = newClient();
    const r = await within(send(client, upstream.port).done);
    expect(r.status).toBe(200);
    expect(r.body.toString()).toBe("x".repeat(10));
    expect(r.events.at(-1)).toBe("error");
    expect(r.ended).toBe(false);
    expect(r.afterHead).toBe(true);
    expect(r.error?.message).toMatch(/middle of the response/);
    expect(client.idleCount()).toBe(0);
  });

  it("reports a malformed response as an error before the head and never reuses that connection", async () => {
    const upstream = await rawServer((socket, _data, at) => {
      socket.write(at.connection === 1 ? "garbage\r\n\r\n" : ok("fine"));
    });
    const client = newClient();
    const r = await within(send(client, upstream.port).done);
    expect(r.events).toEqual(["error"]);
    expect(r.afterHead).toBe(false);
    expect(r.error?.message).toMatch(/malformed/);
    expect(client.idleCount()).toBe(0);
    const next = await within(send(client, upstream.port).done);
    expect(next.body.toString()).toBe("fine");
    expect(upstream.connections()).toBe(2);
  });

  it("does not reuse an idle connection past the server's Keep-Alive timeout hint less a second", async () => {
    const upstream = await httpServer((req, res) => {
      req.resume();
      req.on("end", () => res.end("hi"));
    });
    upstream.server.keepAliveTimeout = 1_000;
    const client = newClient();
    const first = await within(send(client, upstream.port).done);
    expect(values(first.rawHeaders, "keep-alive")).toEqual(["timeout=1"]);
    expect(client.idleCount()).toBe(1);
    await sleep(50);
    const second = await within(send(client, upstream.port).done);
    expect(second.body.toString()).toBe("hi");
    expect(upstream.connections()).toBe(2);
  });

  it("stops all callbacks on abort() and closes the socket on the server's side", async () => {
    let serverSocketClosed: Promise<void> = Promise.resolve();
    const upstream = await httpServer((req, res) => {
      req.resume();
      serverSocketClosed = new Promise<void>((resolve) => req.socket.once("close", () => resolve()));
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("data: first\n\n");
      const more = setInterval(() => res.write("data: more\n\n"), 5);
      res.on("close", () => clearInterval(more));
    });
    const client = newClient();
    const sent = send(client, upstream.port, { onData: (_chunk, exchange) => exchange.abort() });
    await within(
      (async () => {
        while (sent.result.events.length < 2) await sleep(5);
        await serverSocketClosed;
      })(),
      "the server socket's close",
    );
    await sleep(30);
    expect(sent.result.events).toEqual(["head", "data"]);
    expect(client.idleCount()).toBe(0);
  });

  it("throws a TypeError for a header value with a line break or NUL before connecting", async () => {
    const upstream = await rawServer((socket) => socket.write(ok("no")));
    const client = newClient();
    for (const bad of ["a\r\nX-Injected: 1", "a\nb", "a\0b"]) {
      expect(() =>
        send(client, upstream.port, {
          headers: ["host", `127.0.0.1:${upstream.port}`, "x-bad", bad, "content-length", "0"],
        }),
      ).toThrow(TypeError);
    }
    await sleep(30);
    expect(upstream.connections()).toBe(0);
    expect(upstream.received).toEqual([]);
  });

  it("completes a HEAD response that announces a length but has no body, and reuses its connection", async () => {
    const upstream = await httpServer((req, res) => {
      req.resume();
      res.setHeader("content-length", "5");
      res.end(req.method === "HEAD" ? undefined : "hello");
    });
    const client = newClient();
    const head = await within(send(client, upstream.port, { method: "HEAD" }).done);
    expect(head.events).toEqual(["head", "end"]);
    expect(values(head.rawHeaders, "content-length")).toEqual(["5"]);
    expect(head.body.length).toBe(0);
    expect(client.idleCount()).toBe(1);
    const get = await within(send(client, upstream.port, { method: "GET" }).done);
    expect(get.body.toString()).toBe("hello");
    expect(upstream.connections()).toBe(1);
  });

  it("puts a connection back readable when its exchange was paused as the response completed", async () => {
    // The whole response comes in one read: the exchange pauses on its data (a slow client) and
    // the response still completes in the same read, so the connection goes idle while paused.
    const upstream = await rawServer((socket, _data, at) => socket.write(ok(`response ${at.request}`)));
    const client = newClient();
    const first = await within(
      send(client, upstream.port, { onData: (_chunk, exchange) => exchange.pause() }).done,
    );
    expect(first.body.toString()).toBe("response 1");
    expect(client.idleCount()).toBe(1);
    const second = await within(send(client, upstream.port).done, "the request on the reused connection");
    expect(second.body.toString()).toBe("response 2");
    expect(upstream.connections()).toBe(1);
  });

  it("ignores abort, pause and resume on a finished exchange (its connection carries another one)", async () => {
    const upstream = await rawServer((socket, _data, at) => {
      if (at.request === 1) socket.write(ok("first"));
      else setTimeout(() => socket.write(ok("second")), 20);
    });
    const client = newClient();
    const first = send(client, upstream.port);
    await within(first.done);
    const second = send(client, upstream.port);
    first.exchange.pause();
    first.exchange.abort();
    const r = await within(second.done, "the second exchange");
    expect(r.events).toEqual(["head", "data", "end"]);
    expect(r.body.toString()).toBe("second");
    expect(upstream.connections()).toBe(1);
  });

  it("speaks TLS and verifies the upstream's certificate: a self-signed one is refused before the head", async (ctx) => {
    if (!opensslAvailable()) {
      ctx.skip("the openssl CLI is not installed; cannot generate a self-signed certificate");
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), "genchi-upstream-tls-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const keyFile = join(dir, "key.pem");
    const certFile = join(dir, "cert.pem");
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        keyFile,
        "-out",
        certFile,
        "-days",
        "1",
      ].concat(["-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"]),
      { stdio: "ignore" },
    );
    let requests = 0;
    let handshakeFailures = 0;
    const server = https.createServer(
      { key: readFileSync(keyFile), cert: readFileSync(certFile) },
      (_req, res) => {
        requests++;
        res.end("should not get here");
      },
    );
    server.on("tlsClientError", () => {
      handshakeFailures++;
    });
    const port = await listen(server);
    closeAfterTest(server);
    const client = newClient();
    const r = await within(send(client, port, { protocol: "https", hostname: "localhost" }).done);
    expect(r.events).toEqual(["error"]);
    expect(r.afterHead).toBe(false);
    expect(r.error?.message).toMatch(/self[- ]signed certificate/i);
    expect((r.error as Error & { code?: string }).code).toBe("DEPTH_ZERO_SELF_SIGNED_CERT");
    await eventually(() => handshakeFailures >= 1, "the server's TLS handshake failure"); // it saw one
    expect(requests).toBe(0);
  });
});
