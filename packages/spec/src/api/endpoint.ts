/**
 * One REST endpoint as data: its method, path, who may call it, and the zod schemas of its
 * path parameters, query, body and answer. The server mounts handlers on these, the SDK's
 * `createGenchiApi` builds typed methods from them, and a test checks them against the
 * routes the server registers.
 */
import type { z } from "zod";

/** The HTTP methods the REST API uses. */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Who may call an endpoint: `secret` a project's secret key, `public` a secret or a public
 * (write-only feedback) key, `none` anyone.
 */
export type EndpointAuth = "secret" | "public" | "none";

/** How an answer's body is read: JSON (the default), text (YAML exports), or none (204). */
export type ResponseKind = "json" | "text" | "none";

/** What `defineEndpoint` takes. */
export interface EndpointSpec {
  method: HttpMethod;
  /** Fastify-style path: `/api/v1/calls/:id`. */
  path: string;
  auth: EndpointAuth;
  /** One line for docs and errors. */
  summary: string;
  /** The path parameters, one string field per `:name` in the path. */
  params?: z.ZodObject;
  /** The query string's parameters (values arrive as strings: coerce numbers). */
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The answer of a success status. */
  response: z.ZodType;
  /** The success statuses the server answers with (default `[200]`). */
  statuses?: readonly number[];
  /** How the answer is read (default `json`). */
  responseKind?: ResponseKind;
}

/** A declared endpoint: the spec as given, frozen. */
export type Endpoint<S extends EndpointSpec = EndpointSpec> = Readonly<S>;

/**
 * Declares an endpoint; the literal types are kept, so clients are typed from it.
 *
 * @example
 * const get = defineEndpoint({ method: "GET", path: "/api/v1/calls/:id", auth: "secret",
 *   summary: "one call", params: z.object({ id: z.string() }), response: callDetailSchema });
 */
export function defineEndpoint<const S extends EndpointSpec>(spec: S): Endpoint<S> {
  return Object.freeze({ ...spec });
}

/** The `:name` parameters of a path, in order. @example pathParamNames("/a/:id/b/:route") // → ["id", "route"] */
export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
}

type Part<K extends string, S> = S extends z.ZodType
  ? object extends z.input<S>
    ? { [P in K]?: z.input<S> }
    : { [P in K]: z.input<S> }
  : { [P in K]?: never };

type SchemaOf<E, K extends string> = E extends { [P in K]: infer S } ? S : undefined;

/** What a call of endpoint `E` takes: its params, query and body, each required when it must be given. */
export type EndpointInput<E extends EndpointSpec> = Part<"params", SchemaOf<E, "params">> &
  Part<"query", SchemaOf<E, "query">> &
  Part<"body", SchemaOf<E, "body">>;

/** What a call of endpoint `E` answers on success. */
export type EndpointResponse<E extends EndpointSpec> = z.output<E["response"]>;

/** A group of endpoints (one area of the API). */
export type EndpointGroup = Readonly<Record<string, Endpoint>>;
