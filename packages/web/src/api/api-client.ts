/**
 * The UI's only way to the server: typed GETs of the REST API with the project key.
 * A 401 from any call tells the listener so the key prompt shows again.
 */
import type { Bootstrap, CallDetail, CallsPage, Facets, FeedbackSummary, Timeseries } from "@genchi/spec";
import { ApiError, apiErrorOf } from "./api-error.js";

export type QueryParams = Record<string, string | number | undefined | null>;

/** Builds `path?a=1&b=2`, leaving out empty values. */
export function withQuery(path: string, params: QueryParams): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

export class ApiClient {
  constructor(
    private readonly key: string | null,
    private readonly onUnauthorized: () => void = () => {},
  ) {}

  /**
   * @example const page = await client.get<CallsPage>("/api/v1/calls", { limit: 100 })
   */
  async get<T>(path: string, params: QueryParams = {}, signal?: AbortSignal): Promise<T> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (this.key) headers.authorization = `Bearer ${this.key}`;
    let response: Response;
    try {
      response = await fetch(withQuery(path, params), { headers, ...(signal ? { signal } : {}) });
    } catch (error) {
      if ((error as Error).name === "AbortError") throw error;
      throw new ApiError(0, "NETWORK", `cannot reach the genchi server (${(error as Error).message})`);
    }
    if (!response.ok) {
      const failure = await apiErrorOf(response);
      if (failure.unauthorized) this.onUnauthorized();
      throw failure;
    }
    return (await response.json()) as T;
  }

  /**
   * A write (PUT, POST, DELETE) with a JSON body; resolves with the JSON answer, or null on 204.
   *
   * @example await client.write("PUT", "/api/v1/models/pins", { alias: "gpt-4o", pinned: "gpt-4o-2024-08-06" })
   */
  async write<T>(
    method: "PUT" | "POST" | "PATCH" | "DELETE",
    path: string,
    body?: unknown,
  ): Promise<T | null> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (this.key) headers.authorization = `Bearer ${this.key}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      throw new ApiError(0, "NETWORK", `cannot reach the genchi server (${(error as Error).message})`);
    }
    if (!response.ok) {
      const failure = await apiErrorOf(response);
      if (failure.unauthorized) this.onUnauthorized();
      throw failure;
    }
    return response.status === 204 ? null : ((await response.json()) as T);
  }

  calls(params: QueryParams, signal?: AbortSignal): Promise<CallsPage> {
    return this.get<CallsPage>("/api/v1/calls", params, signal);
  }

  call(id: string, signal?: AbortSignal): Promise<CallDetail> {
    return this.get<CallDetail>(`/api/v1/calls/${encodeURIComponent(id)}`, {}, signal);
  }

  timeseries(params: QueryParams, signal?: AbortSignal): Promise<Timeseries> {
    return this.get<Timeseries>("/api/v1/stats/timeseries", params, signal);
  }

  facets(params: QueryParams, signal?: AbortSignal): Promise<Facets> {
    return this.get<Facets>("/api/v1/stats/facets", params, signal);
  }

  feedbackSummary(params: QueryParams, signal?: AbortSignal): Promise<FeedbackSummary> {
    return this.get<FeedbackSummary>("/api/v1/feedback/summary", params, signal);
  }
}

/**
 * `GET /api/v1/bootstrap`: local mode and its key, before any key is known.
 *
 * @example const boot = await fetchBootstrap()
 */
export async function fetchBootstrap(): Promise<Bootstrap | null> {
  const early = (window as { genchiBootstrap?: Promise<Bootstrap | null> }).genchiBootstrap;
  if (early) {
    // Started by index.html before the app loaded; use it once.
    (window as { genchiBootstrap?: unknown }).genchiBootstrap = undefined;
    return early;
  }
  try {
    const response = await fetch("/api/v1/bootstrap", { headers: { accept: "application/json" } });
    if (!response.ok) return null;
    return (await response.json()) as Bootstrap;
  } catch {
    return null;
  }
}
