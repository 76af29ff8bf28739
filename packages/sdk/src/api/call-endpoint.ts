/**
 * One request to one declared endpoint: the path filled from its params, the query string,
 * the key, the JSON body; the answer read as the endpoint says (JSON, text or none), and a
 * failure thrown as a GenchiApiError. Loads no schema library itself (zod runs only with
 * `validate`), so a CLI can use it without paying for zod at start.
 */
import type { Endpoint, EndpointInput, EndpointResponse } from "@genchi/spec";
import { GenchiApiError } from "./genchi-api-error.js";

/** Where and how a client talks to genchi. */
export interface GenchiApiOptions {
  /** The server, e.g. `http://127.0.0.1:4242`; `""` for the page's own origin (the web UI). */
  baseUrl: string;
  /** The project key, sent as `Authorization: Bearer` to endpoints that need one. */
  key?: string | null | undefined;
  /** The fetch to use (default: the global one); tests may pass one backed by `app.inject`. */
  fetch?: typeof fetch | undefined;
  /** Gives up on a request after this long (default: never); the error is status 0. */
  timeoutMs?: number | undefined;
  /** Checks each answer against the endpoint's response schema (tests; off by default). */
  validate?: boolean | undefined;
  /** Called with every error before it is thrown (the web UI shows its key prompt on a 401). */
  onError?: ((error: GenchiApiError) => void) | undefined;
}

/** Per-call options, next to params, query and body. */
export interface CallOptions {
  signal?: AbortSignal | undefined;
}

type Input = { params?: unknown; query?: unknown; body?: unknown } & CallOptions;

/** Fills `:name` in a path from params, each value URL-encoded. */
function pathOf(endpoint: Endpoint, params: unknown): string {
  const values = (params ?? {}) as Record<string, unknown>;
  return endpoint.path.replace(/:([A-Za-z0-9_]+)/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined || value === null || value === "")
      throw new GenchiApiError(
        0,
        "GENCHI_BAD_REQUEST",
        `${endpoint.method} ${endpoint.path}: give params.${name}`,
        name,
      );
    return encodeURIComponent(String(value));
  });
}

/** `?a=1&b=2`, leaving out undefined, null and empty values. @example queryString({ limit: 10, q: "" }) // → "?limit=10" */
export function queryString(query: unknown): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    if (value === undefined || value === null || value === "") continue;
    search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** The URL a call of `endpoint` goes to. @example urlOf(opts, api.calls.get, { params: { id: "c1" } }) */
export function urlOf(
  options: Pick<GenchiApiOptions, "baseUrl">,
  endpoint: Endpoint,
  input: Input = {},
): string {
  return `${options.baseUrl.replace(/\/+$/, "")}${pathOf(endpoint, input.params)}${queryString(input.query)}`;
}

const fail = (options: GenchiApiOptions, error: GenchiApiError): never => {
  options.onError?.(error);
  throw error;
};

/**
 * Calls one endpoint; resolves with its answer (null for a 204), throws GenchiApiError otherwise.
 *
 * @example const call = await callEndpoint({ baseUrl, key }, api.calls.get, { params: { id } })
 */
export async function callEndpoint<E extends Endpoint>(
  options: GenchiApiOptions,
  endpoint: E,
  input: EndpointInput<E> & CallOptions = {} as EndpointInput<E> & CallOptions,
): Promise<EndpointResponse<E>> {
  const { params, query, body, signal } = input as Input;
  const url = urlOf(options, endpoint, { params, query });
  const headers: Record<string, string> = {
    accept: endpoint.responseKind === "text" ? "application/yaml, text/plain, */*" : "application/json",
  };
  if (options.key && endpoint.auth !== "none") headers.authorization = `Bearer ${options.key}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const signals = [signal, options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined].filter(
    (s): s is AbortSignal => s !== undefined,
  );
  const doFetch = options.fetch ?? globalThis.fetch;
  let res: Response;
  try {
    res = await doFetch(url, {
      method: endpoint.method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(signals.length === 1
        ? { signal: signals[0] }
        : signals.length > 1
          ? { signal: AbortSignal.any(signals) }
          : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw error; // the caller's own abort: not a failure to report
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    return fail(
      options,
      new GenchiApiError(
        0,
        "GENCHI_UPSTREAM",
        `cannot reach genchi at ${options.baseUrl || "this origin"} (${cause})`,
      ),
    );
  }
  if (!res.ok) return fail(options, GenchiApiError.fromAnswer(res.status, res.statusText, await res.text()));
  const answer = await readAnswer(endpoint, res);
  if (options.validate) {
    const parsed = endpoint.response.safeParse(answer);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return fail(
        options,
        new GenchiApiError(
          res.status,
          "GENCHI_VALIDATION",
          `${endpoint.method} ${endpoint.path} answered a shape spec does not declare: ${issue.path.join(".") || "body"}: ${issue.message}`,
          issue.path.join("."),
          { issues: parsed.error.issues },
        ),
      );
    }
  }
  return answer as EndpointResponse<E>;
}

async function readAnswer(endpoint: Endpoint, res: Response): Promise<unknown> {
  if (endpoint.responseKind === "none" || res.status === 204) {
    await res.body?.cancel();
    return null;
  }
  const text = await res.text();
  if (endpoint.responseKind === "text") return text;
  return text === "" ? null : JSON.parse(text);
}
