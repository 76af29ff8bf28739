/**
 * POST JSON with an on-disk response cache keyed by the full request (URL, non-secret
 * headers, body; a request may skip it), counts of what went upstream, and retries on 429/5xx that honour `retry-after`. Requests go through
 * node:http(s) with a keep-alive agent: fetch (undici) cost ~0.5 ms of CPU per call and
 * ~50 ms to load, a large share of a run against a fast upstream.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { Agent, IncomingMessage } from "node:http";
import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { createRequire } from "node:module";
import { join } from "node:path";
import { GenchiError } from "@genchi/spec/errors";

export interface HttpResult {
  status: number;
  body: Record<string, unknown>;
  latencyMs: number;
  cached: boolean;
}

export interface HttpClientOptions {
  /** Cache folder; no cache when undefined. */
  cacheDir?: string | undefined;
  /** Retries after the first attempt (default 4). */
  retries?: number;
  /** Longest wait between attempts in ms (default 30 s). */
  maxDelayMs?: number;
  /** Base of the exponential backoff when no `retry-after` is sent (default 250 ms). */
  baseDelayMs?: number;
}

export interface RequestOptions {
  /** false: neither read nor write the response cache for this request (repeats). Default true. */
  cache?: boolean;
}

/** What a client did so far: requests sent upstream (retries included) and answers read from the cache. */
export interface HttpCounts {
  upstreamCalls: number;
  cacheHits: number;
}

export interface HttpClient {
  postJson(
    url: string,
    body: unknown,
    headers: Record<string, string>,
    options?: RequestOptions,
  ): Promise<HttpResult>;
  /** @example http.counts() // → { upstreamCalls: 30, cacheHits: 0 } */
  counts(): HttpCounts;
}

// node:https and node:zlib load on first use (start-up)
const require = createRequire(import.meta.url);
const secretHeaders = new Set(["authorization", "x-api-key", "x-genchi-key"]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Milliseconds a `retry-after` header asks to wait (seconds or an HTTP date), else null. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (value === null) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * The key of a request in the response cache.
 *
 * @example cacheKey("http://x/v1/chat/completions", { model: "m" }, {}) // → "3f…"
 */
export function cacheKey(url: string, body: unknown, headers: Record<string, string>): string {
  const kept = Object.entries(headers)
    .filter(([k]) => !secretHeaders.has(k.toLowerCase()))
    .sort();
  return createHash("sha256")
    .update(JSON.stringify([url, kept, body]))
    .digest("hex");
}

interface RawResponse {
  status: number;
  retryAfter: string | null;
  text: string;
}

/** Whether a failed request went out on a kept-alive socket the server had just closed. */
interface SentOnReusedSocket {
  reusedSocket: boolean;
}

/** The response body as text, decompressed when the server encoded it anyway. */
function bodyText(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on("data", (chunk: Buffer) => chunks.push(chunk));
    res.on("error", reject);
    res.on("close", () => {
      if (!res.complete) reject(new Error("the response was cut off"));
    });
    res.on("end", () => {
      let data = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      const encoding = String(res.headers["content-encoding"] ?? "").toLowerCase();
      if (encoding === "gzip" || encoding === "deflate" || encoding === "br") {
        try {
          const zlib = require("node:zlib") as typeof import("node:zlib");
          data =
            encoding === "gzip"
              ? zlib.gunzipSync(data)
              : encoding === "br"
                ? zlib.brotliDecompressSync(data)
                : zlib.inflateSync(data);
        } catch (error) {
          reject(error);
          return;
        }
      }
      resolve(data.toString("utf8"));
    });
  });
}

/** Where a request goes, parsed once per URL. */
interface Target {
  https: boolean;
  hostname: string;
  port: string;
  path: string;
}

/**
 * An HTTP client for providers.
 *
 * @example const http = createHttpClient({ cacheDir: ".genchi/cache/eval" })
 */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const retries = options.retries ?? 4;
  const maxDelay = options.maxDelayMs ?? 30_000;
  const baseDelay = options.baseDelayMs ?? 250;
  if (options.cacheDir !== undefined) mkdirSync(options.cacheDir, { recursive: true });
  let httpAgent: Agent | undefined;
  let httpsAgent: Agent | undefined;
  let https: typeof import("node:https") | undefined;
  const targets = new Map<string, Target>();
  const counts: HttpCounts = { upstreamCalls: 0, cacheHits: 0 };

  /** The parsed URL (cached: URL parsing showed in profiles); throws on a bad URL. */
  function targetOf(url: string): Target {
    let t = targets.get(url);
    if (!t) {
      const u = new URL(url);
      if (u.protocol !== "http:" && u.protocol !== "https:")
        throw new Error(`unsupported protocol ${u.protocol}`);
      t = {
        https: u.protocol === "https:",
        hostname: u.hostname.startsWith("[") ? u.hostname.slice(1, -1) : u.hostname,
        port: u.port,
        path: `${u.pathname}${u.search}`,
      };
      targets.set(url, t);
    }
    return t;
  }

  /** One POST; rejects when the server cannot be reached. */
  function send(t: Target, payload: string, headers: Record<string, string>): Promise<RawResponse> {
    // sockets are unref'd while idle, so a finished run exits without closing the agent
    let agent: Agent;
    let request: typeof httpRequest;
    if (t.https) {
      https ??= require("node:https") as typeof import("node:https");
      httpsAgent ??= new https.Agent({ keepAlive: true });
      agent = httpsAgent;
      request = https.request;
    } else {
      httpAgent ??= new HttpAgent({ keepAlive: true });
      agent = httpAgent;
      request = httpRequest;
    }
    return new Promise((resolve, reject) => {
      const req = request(
        {
          method: "POST",
          hostname: t.hostname,
          ...(t.port !== "" ? { port: t.port } : {}),
          path: t.path,
          agent,
          headers: {
            "content-type": "application/json",
            ...headers,
            "content-length": Buffer.byteLength(payload),
          },
        },
        (res) => {
          const retryAfter = res.headers["retry-after"];
          bodyText(res).then(
            (text) =>
              resolve({
                status: res.statusCode ?? 0,
                retryAfter: typeof retryAfter === "string" ? retryAfter : null,
                text,
              }),
            reject,
          );
        },
      );
      // fetch's (undici's) default: give up on a silent server after 300 s
      req.setTimeout(300_000, () => req.destroy(new Error("no answer within 300 s")));
      req.on("error", (error) =>
        reject(Object.assign(error, { reusedSocket: req.reusedSocket } satisfies SentOnReusedSocket)),
      );
      req.end(payload);
      counts.upstreamCalls++;
    });
  }

  return {
    counts: () => ({ ...counts }),
    async postJson(url, body, headers, requestOptions = {}) {
      const payload = JSON.stringify(body);
      const cacheDir = requestOptions.cache === false ? undefined : options.cacheDir;
      const key = cacheDir === undefined ? "" : cacheKey(url, body, headers);
      const file = cacheDir === undefined ? "" : join(cacheDir, `${key}.json`);
      if (cacheDir !== undefined) {
        try {
          const hit = JSON.parse(readFileSync(file, "utf8")) as {
            body: Record<string, unknown>;
            latencyMs: number;
          };
          counts.cacheHits++;
          return { status: 200, body: hit.body, latencyMs: hit.latencyMs, cached: true };
        } catch {
          // a miss
        }
      }
      let target: Target;
      try {
        target = targetOf(url);
      } catch (error) {
        throw new GenchiError(
          "GENCHI_UPSTREAM",
          `cannot reach ${url}: ${(error as Error).message}; check the provider's apiBaseUrl`,
        );
      }
      let staleSocketRetried = false;
      for (let attempt = 0; ; attempt++) {
        const started = performance.now();
        let response: RawResponse;
        try {
          response = await send(target, payload, headers);
        } catch (error) {
          // a kept-alive socket the server closed as the request went out: resend at once, once
          if ((error as SentOnReusedSocket).reusedSocket && !staleSocketRetried) {
            staleSocketRetried = true;
            attempt--;
            continue;
          }
          if (attempt >= retries)
            throw new GenchiError(
              "GENCHI_UPSTREAM",
              `cannot reach ${url}: ${(error as Error).message}; check the provider's apiBaseUrl`,
            );
          await sleep(Math.min(maxDelay, baseDelay * 2 ** attempt));
          continue;
        }
        const { text, status } = response;
        const latencyMs = Math.round(performance.now() - started);
        const retryable = status === 429 || status >= 500;
        if (retryable && attempt < retries) {
          const asked = retryAfterMs(response.retryAfter);
          await sleep(Math.min(maxDelay, asked ?? baseDelay * 2 ** attempt * (1 + Math.random() * 0.2)));
          continue;
        }
        if (status < 200 || status > 299) {
          throw new GenchiError("GENCHI_UPSTREAM", `${url} answered ${status}: ${text.slice(0, 300)}`);
        }
        let parsed: Record<string, unknown>;
        try {
          parsed = JSON.parse(text) as Record<string, unknown>;
        } catch {
          throw new GenchiError(
            "GENCHI_UPSTREAM",
            `${url} answered with invalid JSON: ${text.slice(0, 200)}`,
          );
        }
        if (cacheDir !== undefined) {
          const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
          writeFileSync(tmp, JSON.stringify({ body: parsed, latencyMs }));
          renameSync(tmp, file);
        }
        return { status, body: parsed, latencyMs, cached: false };
      }
    },
  };
}
