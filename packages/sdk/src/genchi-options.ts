/** The options of the genchi client, their defaults (env `GENCHI_URL` / `GENCHI_KEY`) and checks. */
import { GenchiError } from "@genchi/spec";

export interface GenchiOptions {
  /** The genchi server's base URL. Default: `GENCHI_URL`. */
  url?: string | undefined;
  /** A project secret key. Default: `GENCHI_KEY`. */
  key?: string | undefined;
  /** Send as soon as this many items wait. Default 100. */
  batchSize?: number;
  /** Send whatever waits at least this often. Default 1000 ms. */
  flushIntervalMs?: number;
  /** At most this many items wait; more are dropped (and counted). Default 10 000. */
  maxBufferSize?: number;
  /** Retries of a batch after network errors, 5xx and 429. Default 5. */
  maxRetries?: number;
  /** First backoff delay; it doubles each retry, with jitter. Default 500 ms. */
  retryBaseMs?: number;
  /** Longest wait between retries (also caps `retry-after`). Default 30 000 ms. */
  retryMaxMs?: number;
  /** Timeout of one ingest request. Default 10 000 ms. */
  requestTimeoutMs?: number;
  /** The fetch to use (tests, proxies). Default: global `fetch`. */
  fetch?: typeof globalThis.fetch;
  /** Told about rejected items, batches that finally failed and drops. Default: `console.warn`. */
  onError?: (error: GenchiError) => void;
  /** Flush on `beforeExit` and SIGTERM. Default true. */
  flushOnExit?: boolean;
  /** How long an exit flush may take. Default 5000 ms. */
  exitTimeoutMs?: number;
}

export type ResolvedGenchiOptions = Required<Omit<GenchiOptions, "url" | "key">> & {
  url: string;
  key: string;
  ingestUrl: string;
};

function env(name: string): string | undefined {
  const value = globalThis.process?.env?.[name];
  return value === undefined || value === "" ? undefined : value;
}

function positive(name: string, value: number | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < min) {
    throw new GenchiError(
      "GENCHI_BAD_CONFIG",
      `genchi option ${name} must be a number ≥ ${min}, got ${value}`,
    );
  }
  return value;
}

const defaultOnError = (error: GenchiError): void => {
  console.warn(`[genchi] ${error.code}: ${error.message}`);
};

/**
 * Fills defaults and checks the options; throws `GENCHI_BAD_CONFIG` with what to set.
 *
 * @example resolveGenchiOptions({ url: "http://127.0.0.1:4242", key: "gk_…" }).batchSize // → 100
 */
export function resolveGenchiOptions(options: GenchiOptions): ResolvedGenchiOptions {
  const url = options.url ?? env("GENCHI_URL");
  const key = options.key ?? env("GENCHI_KEY");
  if (url === undefined) {
    throw new GenchiError("GENCHI_BAD_CONFIG", "genchi needs a server URL: pass { url } or set GENCHI_URL");
  }
  if (!/^https?:\/\//.test(url)) {
    throw new GenchiError(
      "GENCHI_BAD_CONFIG",
      `genchi url must start with http:// or https://, got "${url}"`,
    );
  }
  if (key === undefined) {
    throw new GenchiError("GENCHI_BAD_CONFIG", "genchi needs a project key: pass { key } or set GENCHI_KEY");
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function") {
    throw new GenchiError(
      "GENCHI_BAD_CONFIG",
      "no fetch available: pass { fetch } (Node 18+ has one built in)",
    );
  }
  const base = url.replace(/\/+$/, "");
  return {
    url: base,
    key,
    ingestUrl: `${base}/api/v1/ingest`,
    batchSize: positive("batchSize", options.batchSize, 100),
    flushIntervalMs: positive("flushIntervalMs", options.flushIntervalMs, 1000),
    maxBufferSize: positive("maxBufferSize", options.maxBufferSize, 10_000),
    maxRetries: positive("maxRetries", options.maxRetries, 5, 0),
    retryBaseMs: positive("retryBaseMs", options.retryBaseMs, 500, 0),
    retryMaxMs: positive("retryMaxMs", options.retryMaxMs, 30_000, 0),
    requestTimeoutMs: positive("requestTimeoutMs", options.requestTimeoutMs, 10_000),
    fetch: fetchImpl,
    onError: options.onError ?? defaultOnError,
    flushOnExit: options.flushOnExit ?? true,
    exitTimeoutMs: positive("exitTimeoutMs", options.exitTimeoutMs, 5000, 0),
  };
}
