/**
 * POST JSON with an on-disk response cache keyed by the full request (URL, non-secret
 * headers, body) and retries on 429/5xx that honour `retry-after`.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GenchiError } from "@genchi/spec";

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

export interface HttpClient {
  postJson(url: string, body: unknown, headers: Record<string, string>): Promise<HttpResult>;
}

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

/**
 * An HTTP client for providers.
 *
 * @example const http = createHttpClient({ cacheDir: ".genchi/cache/eval" })
 */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const retries = options.retries ?? 4;
  const maxDelay = options.maxDelayMs ?? 30_000;
  const baseDelay = options.baseDelayMs ?? 250;
  const { cacheDir } = options;
  if (cacheDir !== undefined) mkdirSync(cacheDir, { recursive: true });

  return {
    async postJson(url, body, headers) {
      const payload = JSON.stringify(body);
      const key = cacheDir === undefined ? "" : cacheKey(url, body, headers);
      const file = cacheDir === undefined ? "" : join(cacheDir, `${key}.json`);
      if (cacheDir !== undefined) {
        try {
          const hit = JSON.parse(readFileSync(file, "utf8")) as {
            body: Record<string, unknown>;
            latencyMs: number;
          };
          return { status: 200, body: hit.body, latencyMs: hit.latencyMs, cached: true };
        } catch {
          // a miss
        }
      }
      for (let attempt = 0; ; attempt++) {
        const started = performance.now();
        let response: Response;
        try {
          response = await fetch(url, {
            method: "POST",
            headers: { "content-type": "application/json", ...headers },
            body: payload,
          });
        } catch (error) {
          if (attempt >= retries)
            throw new GenchiError(
              "GENCHI_UPSTREAM",
              `cannot reach ${url}: ${(error as Error).message}; check the provider's apiBaseUrl`,
            );
          await sleep(Math.min(maxDelay, baseDelay * 2 ** attempt));
          continue;
        }
        const text = await response.text();
        const latencyMs = Math.round(performance.now() - started);
        const retryable = response.status === 429 || response.status >= 500;
        if (retryable && attempt < retries) {
          const asked = retryAfterMs(response.headers.get("retry-after"));
          await sleep(Math.min(maxDelay, asked ?? baseDelay * 2 ** attempt * (1 + Math.random() * 0.2)));
          continue;
        }
        if (!response.ok) {
          throw new GenchiError(
            "GENCHI_UPSTREAM",
            `${url} answered ${response.status}: ${text.slice(0, 300)}`,
          );
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
        return { status: response.status, body: parsed, latencyMs, cached: false };
      }
    },
  };
}
