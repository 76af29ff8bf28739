/**
 * The gateway's HTTP/1.1 client for upstreams: keep-alive connection pools per origin (plain TCP
 * or TLS), requests written as one head-and-body write, responses parsed by `http-parser-js`
 * straight into callbacks.
 *
 * Why not `http.request`: at concurrency 1 every gateway request arrives at an idle process, and
 * there the cost is the amount of distinct code a request runs through, not its instructions.
 * Node's client builds a ClientRequest, an IncomingMessage and header objects and goes through
 * the agent's queues and stream machinery. Measured side by side (`node bench/gateway/hops.js`,
 * bench/RESULTS.md, session 5), a bare proxy on this client adds 0.15–0.3 ms less than the same
 * proxy on `http.request`.
 */
import net from "node:net";
import { performance } from "node:perf_hooks";
import tls from "node:tls";
import {
  UpstreamConnection,
  UpstreamConnectionError,
  type UpstreamResponseHandler,
} from "./upstream-connection.js";

export type { UpstreamResponseHandler } from "./upstream-connection.js";

/** Where a request goes: the protocol and host of `url` (its path is not used) and the port. */
export interface UpstreamOrigin {
  readonly url: URL;
  readonly port: number;
}

/** One request on its way; the gateway cuts it when its client goes away or the upstream is too slow. */
export interface UpstreamExchange {
  abort(): void;
  /** Stops reading the response (the client is not keeping up); `resume` starts again. */
  pause(): void;
  resume(): void;
}

export interface UpstreamClientOptions {
  /** Idle connections kept per origin; more are closed as their responses complete. */
  maxIdlePerOrigin?: number;
  /** How long an idle connection is kept when the upstream sends no `Keep-Alive: timeout` hint, ms. */
  idleMs?: number;
}

interface Pool {
  idle: UpstreamConnection[];
  /** TLS session of the origin's last handshake, offered on the next connection (a shorter handshake). */
  tlsSession: Buffer | null;
}

const invalidHeaderChar = /[\0\r\n]/;

/**
 * @example client.request({ url, port: 443 }, "POST", "/v1/chat/completions", ["host", "api.openai.com", …], body, handler)
 */
export class UpstreamClient {
  private readonly pools = new Map<string, Pool>();
  private readonly maxIdle: number;
  private readonly idleMs: number;
  private sweeper: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(options: UpstreamClientOptions = {}) {
    this.maxIdle = options.maxIdlePerOrigin ?? 256;
    this.idleMs = options.idleMs ?? 30_000;
  }

  /**
   * Sends `method path` with `headers` (a raw name, value, … list that includes `host` and the
   * body's `content-length`) and `body`. Throws a TypeError before anything is sent when a
   * header value holds a line break or NUL.
   */
  request(
    origin: UpstreamOrigin,
    method: string,
    path: string,
    headers: readonly string[],
    body: Buffer,
    handler: UpstreamResponseHandler,
  ): UpstreamExchange {
    let head = `${method} ${path} HTTP/1.1\r\n`;
    for (let i = 0; i < headers.length; i += 2) {
      const value = headers[i + 1]!;
      if (invalidHeaderChar.test(value)) {
        throw new TypeError(`header '${headers[i]}' has a line break or NUL in its value`);
      }
      head += `${headers[i]}: ${value}\r\n`;
    }
    head += "\r\n";
    const pool = this.poolOf(`${origin.url.protocol}//${origin.url.hostname}:${origin.port}`);
    const headRequest = method === "HEAD";
    let connection: UpstreamConnection;
    // Set once the exchange has ended, failed or been aborted: from then on its connection may be
    // idle or carrying another exchange, which this one's abort, pause and resume must not touch.
    let done = false;
    const start = (conn: UpstreamConnection, retried: boolean) => {
      connection = conn;
      conn.send(
        head,
        body,
        {
          onHead: (s, m, h) => handler.onHead(s, m, h),
          onData: (c) => handler.onData(c),
          onEnd: () => {
            done = true;
            handler.onEnd();
          },
          onError: (error, afterHead) => {
            // A reused connection the server had closed meanwhile (its keep-alive ran out as the
            // request went out): nothing of the request was answered, so it goes again, once,
            // on a new connection. Browsers do the same for any method.
            if (!retried && !afterHead && conn.requests > 1 && isStale(error)) {
              start(this.connect(origin, pool), true);
              return;
            }
            done = true;
            handler.onError(error, afterHead);
          },
        },
        headRequest,
      );
    };
    start(this.take(pool) ?? this.connect(origin, pool), false);
    return {
      abort: () => {
        if (done) return;
        done = true;
        connection.destroy();
      },
      pause: () => {
        if (!done) connection.pause();
      },
      resume: () => {
        if (!done) connection.resume();
      },
    };
  }

  /** Closes every idle connection and stops keeping new ones (exchanges under way finish). */
  close(): void {
    this.closed = true;
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    for (const pool of this.pools.values()) {
      for (const c of pool.idle) c.destroy();
      pool.idle.length = 0;
    }
  }

  /** Idle connections per origin (for tests and stats). */
  idleCount(): number {
    let n = 0;
    for (const pool of this.pools.values()) n += pool.idle.length;
    return n;
  }

  private poolOf(key: string): Pool {
    let pool = this.pools.get(key);
    if (!pool) {
      pool = { idle: [], tlsSession: null };
      this.pools.set(key, pool);
    }
    return pool;
  }

  /** The most recently used idle connection that is still good, if any. */
  private take(pool: Pool): UpstreamConnection | null {
    const now = performance.now();
    for (let c = pool.idle.pop(); c; c = pool.idle.pop()) {
      if (c.usable && !this.expired(c, now)) {
        c.socket.ref();
        return c;
      }
      c.destroy();
    }
    return null;
  }

  /**
   * Whether an idle connection has been kept long enough: a second less than the server says it
   * keeps it, so a request never races its close.
   */
  private expired(c: UpstreamConnection, now: number): boolean {
    const keepFor = c.keepAliveHintMs === null ? this.idleMs : Math.max(0, c.keepAliveHintMs - 1_000);
    return now - c.idleSince >= keepFor;
  }

  private connect(origin: UpstreamOrigin, pool: Pool): UpstreamConnection {
    const hostname = origin.url.hostname;
    const host = hostname.startsWith("[") ? hostname.slice(1, -1) : hostname;
    let socket: net.Socket;
    if (origin.url.protocol === "https:") {
      const t = tls.connect({
        host,
        port: origin.port,
        servername: net.isIP(host) === 0 ? host : undefined,
        ALPNProtocols: ["http/1.1"],
        session: pool.tlsSession ?? undefined,
      });
      t.on("session", (session: Buffer) => {
        pool.tlsSession = session;
      });
      socket = t;
    } else {
      socket = net.connect({ host, port: origin.port });
    }
    socket.setKeepAlive(true, 10_000);
    return new UpstreamConnection(socket, {
      idle: (c) => {
        if (this.closed || pool.idle.length >= this.maxIdle) {
          c.destroy();
          return;
        }
        c.idleSince = performance.now();
        // An idle connection does not keep the process alive (as with Node's keep-alive agent).
        c.socket.unref();
        pool.idle.push(c);
        this.sweepLater();
      },
      closed: (c) => {
        const i = pool.idle.indexOf(c);
        if (i !== -1) pool.idle.splice(i, 1);
      },
    });
  }

  /** Closes idle connections past their time every few seconds while any are kept. */
  private sweepLater(): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => {
      const now = performance.now();
      let kept = 0;
      for (const pool of this.pools.values()) {
        for (const c of [...pool.idle]) {
          if (this.expired(c, now)) c.destroy();
          else kept++;
        }
      }
      if (kept === 0 && this.sweeper) {
        clearInterval(this.sweeper);
        this.sweeper = null;
      }
    }, 5_000);
    this.sweeper.unref();
  }
}

/** A connection the server closed or reset before answering anything. */
function isStale(error: Error): boolean {
  if (!(error instanceof UpstreamConnectionError) || error.bytesReceived > 0) return false;
  return error.code === undefined || error.code === "ECONNRESET" || error.code === "EPIPE";
}
