/** One attempt at `POST /api/v1/ingest`, classified: done, worth retrying, or fatal. */
import { type ErrorCode, errorCodes } from "@genchi/spec";
import type { ResolvedGenchiOptions } from "./genchi-options.js";
import { retryAfterMs } from "./retry-delay.js";

export type IngestAttempt =
  | { type: "ok"; body: unknown }
  | { type: "retry"; reason: string; waitMs: number | undefined }
  | { type: "fatal"; status: number; code: ErrorCode; message: string };

const knownCodes: ReadonlySet<string> = new Set(errorCodes);

const codeByStatus: Record<number, ErrorCode> = {
  401: "GENCHI_UNAUTHORIZED",
  403: "GENCHI_FORBIDDEN",
  404: "GENCHI_NOT_FOUND",
  413: "GENCHI_PAYLOAD_TOO_LARGE",
};

const hints: Record<number, string> = {
  401: " — check the key (GENCHI_KEY)",
  403: " — use a secret key: public keys may only post feedback",
  404: " — check the URL (GENCHI_URL is the server's base URL, without /api)",
};

async function readJson(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    return undefined;
  }
}

function errorOf(body: unknown): { code?: string; message?: string } {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  return {
    ...(typeof error?.code === "string" ? { code: error.code } : {}),
    ...(typeof error?.message === "string" ? { message: error.message } : {}),
  };
}

/**
 * Sends one serialised batch.
 *
 * @example await postIngest('{"calls":[],"feedback":[]}', config) // → { type: "ok", body: { results: [] … } }
 */
export async function postIngest(json: string, config: ResolvedGenchiOptions): Promise<IngestAttempt> {
  let res: Response;
  try {
    res = await config.fetch(config.ingestUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${config.key}` },
      body: json,
      signal: AbortSignal.timeout(config.requestTimeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return {
      type: "retry",
      reason: `${(error as Error).message}${cause ? ` (${cause})` : ""}`,
      waitMs: undefined,
    };
  }
  if (res.ok) return { type: "ok", body: await readJson(res) };
  const body = await readJson(res);
  const { code, message } = errorOf(body);
  if (res.status === 429 || res.status === 408 || res.status >= 500) {
    return {
      type: "retry",
      reason: `HTTP ${res.status}${message ? `: ${message}` : ""}`,
      waitMs: retryAfterMs(res.headers),
    };
  }
  return {
    type: "fatal",
    status: res.status,
    code:
      code !== undefined && knownCodes.has(code)
        ? (code as ErrorCode)
        : (codeByStatus[res.status] ?? "GENCHI_BAD_REQUEST"),
    message: `genchi ingest answered ${res.status}: ${message ?? res.statusText}${hints[res.status] ?? ""}`,
  };
}
