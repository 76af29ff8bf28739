/**
 * The UI's only way to the server: the SDK's typed client of the REST API (`createGenchiApi`,
 * every endpoint declared in @genchi/spec), on the page's own origin with the project key.
 * A 401 from any call tells the listener so the key prompt shows again.
 */
import { createGenchiApi, type GenchiApi } from "@genchi/sdk/api";
import type { Bootstrap, Endpoint, EndpointInput } from "@genchi/spec";

/** The client components use: `client.calls.list({ query })`, `client.review.next({ query })`, … */
export type ApiClient = GenchiApi;

/** The query an endpoint takes. @example const q: QueryOf<typeof api.calls.list> = { route: "categorize" } */
export type QueryOf<E extends Endpoint> =
  EndpointInput<E> extends { query?: infer Q } ? NonNullable<Q> : never;

/**
 * @example const client = createApiClient(key, () => showKeyPrompt()); await client.calls.get({ params: { id } })
 */
export function createApiClient(key: string | null, onUnauthorized: () => void = () => {}): ApiClient {
  return createGenchiApi({
    baseUrl: "",
    key,
    onError: (error) => {
      if (error.unauthorized) onUnauthorized();
    },
  });
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
  return createGenchiApi({ baseUrl: "" })
    .bootstrap.get()
    .catch(() => null);
}
