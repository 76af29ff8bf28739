/**
 * The CLI's way to a genchi server (`--url`/`--key`, or `GENCHI_URL`/`GENCHI_KEY`): the SDK's
 * typed client (`createGenchiApi`), loaded on first use so a run that talks to no server never
 * loads it, with its GenchiApiError turned into a GenchiError the CLI can print.
 */
import type { GenchiApi } from "@genchi/sdk";
import { GenchiError } from "@genchi/spec/errors";

export interface GenchiTarget {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:4242. */
  url: string;
  key: string;
}

/** How long one request may take before the CLI reports genchi unreachable. */
const requestTimeoutMs = 30_000;

/**
 * The server named by `--url`/`--key` (commander fills them from GENCHI_URL/GENCHI_KEY when
 * absent: see serverOptions), or null when neither names one.
 *
 * @example targetOf({ url: "http://127.0.0.1:4242", key: "gk_…" })
 */
export function targetOf(flags: { url?: string | undefined; key?: string | undefined }): GenchiTarget | null {
  const url = flags.url?.trim();
  if (!url) return null;
  return { url: url.replace(/\/+$/, ""), key: flags.key?.trim() ?? "" };
}

/** The SDK's error as the CLI prints it: GENCHI_UPSTREAM when unreachable, else the server's code. */
function cliError(target: GenchiTarget, error: unknown): unknown {
  const e = error as { name?: string; status?: number; code?: GenchiError["code"]; message?: string };
  if (e?.name !== "GenchiApiError") return error;
  if (e.status === 0) return new GenchiError(e.code ?? "GENCHI_UPSTREAM", e.message ?? "genchi unreachable");
  return new GenchiError(
    e.code ?? "GENCHI_UPSTREAM",
    `genchi at ${target.url} answered ${e.status}: ${e.message}`,
  );
}

/**
 * Runs `use` with the typed client of `target`; throws GenchiError on an error status
 * (GENCHI_UPSTREAM when the server cannot be reached).
 *
 * @example const run = await withGenchi(target, (api) => api.evals.run({ params: { id } }))
 */
export async function withGenchi<T>(target: GenchiTarget, use: (api: GenchiApi) => Promise<T>): Promise<T> {
  const { createGenchiApi } = await import("@genchi/sdk");
  const api = createGenchiApi({ baseUrl: target.url, key: target.key, timeoutMs: requestTimeoutMs });
  try {
    return await use(api);
  } catch (error) {
    throw cliError(target, error);
  }
}

/**
 * Sends one request to any path; resolves with the JSON answer, throws GenchiError on an error
 * status. Prefer `withGenchi`, whose methods are typed from the API's declarations.
 *
 * @example await genchiRequest(target, "GET", "/api/v1/evals/runs")
 */
export async function genchiRequest<T>(
  target: GenchiTarget,
  method: "GET" | "POST" | "PATCH",
  path: string,
  body?: unknown,
): Promise<T> {
  const { GenchiApiError } = await import("@genchi/sdk");
  let res: Response;
  try {
    res = await fetch(`${target.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${target.key}`,
        accept: "application/json",
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new GenchiError("GENCHI_UPSTREAM", `cannot reach genchi at ${target.url} (${cause})`);
  }
  const text = await res.text();
  if (!res.ok) throw cliError(target, GenchiApiError.fromAnswer(res.status, res.statusText, text));
  return (text === "" ? null : JSON.parse(text)) as T;
}
