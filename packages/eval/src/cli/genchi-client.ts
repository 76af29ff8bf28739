/**
 * The CLI's way to a genchi server (`--url`/`--key`, or `GENCHI_URL`/`GENCHI_KEY`): JSON over fetch, with the
 * server's `{"error":{code,message}}` turned into a GenchiError the CLI can print.
 */
import { GenchiError } from "@genchi/spec/errors";

export interface GenchiTarget {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:4242. */
  url: string;
  key: string;
}

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

/**
 * Sends one request; resolves with the JSON answer, throws GenchiError on an error status
 * (GENCHI_UPSTREAM when the server cannot be reached).
 *
 * @example await genchiRequest(target, "GET", "/api/v1/evals/runs")
 */
export async function genchiRequest<T>(
  target: GenchiTarget,
  method: "GET" | "POST" | "PATCH",
  path: string,
  body?: unknown,
): Promise<T> {
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
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new GenchiError("GENCHI_UPSTREAM", `cannot reach genchi at ${target.url} (${cause})`);
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text === "" ? null : JSON.parse(text);
  } catch {
    // not JSON: reported below
  }
  if (!res.ok) {
    const err = (json as { error?: { code?: string; message?: string } } | null)?.error;
    const code = (err?.code ?? "GENCHI_UPSTREAM") as GenchiError["code"];
    throw new GenchiError(
      code,
      `genchi at ${target.url} answered ${res.status}: ${err?.message ?? text.slice(0, 200)}`,
    );
  }
  return json as T;
}
