/**
 * `createGenchiApi`: a typed client of genchi's whole REST API, one method per endpoint
 * declared in `@genchi/spec` (`api`), grouped by area as there.
 */
import {
  api,
  type Endpoint,
  type EndpointInput,
  type EndpointResponse,
  type GenchiApiSpec,
} from "@genchi/spec";
import { type CallOptions, callEndpoint, type GenchiApiOptions } from "./call-endpoint.js";

/** The method of one endpoint: its input is optional when nothing in it is required. */
export type EndpointMethod<E extends Endpoint> =
  object extends EndpointInput<E>
    ? (input?: EndpointInput<E> & CallOptions) => Promise<EndpointResponse<E>>
    : (input: EndpointInput<E> & CallOptions) => Promise<EndpointResponse<E>>;

/** The client: area → endpoint name → method. */
export type GenchiApi = {
  readonly [A in keyof GenchiApiSpec]: {
    readonly [N in keyof GenchiApiSpec[A]]: GenchiApiSpec[A][N] extends Endpoint
      ? EndpointMethod<GenchiApiSpec[A][N]>
      : never;
  };
};

/**
 * @example
 * const genchi = createGenchiApi({ baseUrl: "http://127.0.0.1:4242", key: process.env.GENCHI_KEY });
 * const next = await genchi.review.next({ query: { reviewer: "ana" } });
 * const call = await genchi.calls.get({ params: { id: "0193…" } });
 */
export function createGenchiApi(options: GenchiApiOptions): GenchiApi {
  const client: Record<string, Record<string, unknown>> = {};
  for (const [area, group] of Object.entries(api)) {
    const methods: Record<string, unknown> = {};
    for (const [name, endpoint] of Object.entries(group as Record<string, Endpoint>)) {
      methods[name] = (input?: object) => callEndpoint(options, endpoint, (input ?? {}) as never);
    }
    client[area] = Object.freeze(methods);
  }
  return Object.freeze(client) as unknown as GenchiApi;
}
