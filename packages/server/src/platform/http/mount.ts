/**
 * `mount(app, endpoint, handler)`: registers one endpoint declared in @genchi/spec (`api`) on
 * the app. It authenticates as the endpoint's `auth` says, refuses JSON nested too deep, parses
 * the path params, query and body with the endpoint's schemas, and turns a zod failure into one
 * GENCHI_VALIDATION error whose message and `field` name the first issue, with every issue kept
 * in `details.issues`. The handler gets the parsed parts and answers with the endpoint's shape.
 */
import { type Endpoint, type EndpointResponse, GenchiError } from "@genchi/spec";
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from "fastify";
import type { z } from "zod";
import type { Services } from "../services.js";
import { assertJsonDepth } from "../util/json-depth.js";
import { Authenticator, type Principal } from "./authenticator.js";

type Parsed<E, K extends string> = E extends { [P in K]: infer S extends z.ZodType }
  ? z.output<S>
  : undefined;

/** What a mounted handler is given. */
export interface MountContext<E extends Endpoint> {
  /** The caller's project and key kind; null for `auth: "none"`. */
  principal: E["auth"] extends "none" ? null : Principal;
  params: Parsed<E, "params">;
  query: Parsed<E, "query">;
  body: Parsed<E, "body">;
  request: FastifyRequest;
  reply: FastifyReply;
}

/** A handler answers with the endpoint's shape, or with the reply it sent itself (204, YAML, 503). */
export type MountHandler<E extends Endpoint> = (
  context: MountContext<E>,
) => Promise<EndpointResponse<E> | FastifyReply>;

export interface MountOptions {
  /** Appended to a validation message: `; e.g. <example>`. */
  example?: string;
  /**
   * Whether a validation error names the failing field: `named` when the issue has a path (the
   * default), `always` (an empty field for the body as a whole), `never` (the message only).
   */
  field?: "named" | "always" | "never";
  /** A request without a body is parsed as `{}` (the default) or as it is (`undefined`). */
  emptyBody?: "as-object" | "as-is";
  /** Fastify route options (bodyLimit, config). */
  route?: RouteShorthandOptions;
  /** Runs after authentication, before parsing (a check today's answer makes first). */
  beforeParse?: (request: FastifyRequest) => void;
  /** Replaces the validation error of a failing part (a message that predates the declaration). */
  invalid?: (where: "params" | "query" | "body", issues: z.core.$ZodIssue[]) => GenchiError;
}

const keyKinds = { secret: ["secret"], public: ["secret", "public"] } as const;

/**
 * The one zod → GENCHI_VALIDATION mapping: the first issue names the error, every issue is kept.
 *
 * @example throw validationError("query", parsed.error.issues, {})
 */
export function validationError(
  where: "params" | "query" | "body",
  issues: z.core.$ZodIssue[],
  options: Pick<MountOptions, "example" | "field"> = {},
): GenchiError {
  const issue = issues[0];
  const field = issue ? issue.path.map(String).join(".") : "";
  const label =
    where === "body"
      ? field || "body"
      : `${where === "query" ? "query parameter" : "path parameter"} ${field}`;
  const message = `${label}: ${issue?.message ?? "invalid value"}${options.example ? `; e.g. ${options.example}` : ""}`;
  const mode = options.field ?? "named";
  const named = mode === "always" || (mode === "named" && field !== "") ? { field } : {};
  return new GenchiError("GENCHI_VALIDATION", message, { ...named, issues });
}

/**
 * @example
 * mount(app, services, api.calls.get, async ({ principal, params }) => getCall(principal.projectId, params.id))
 */
export function mount<E extends Endpoint>(
  app: FastifyInstance,
  /** Where keys are checked; null only for endpoints with `auth: "none"`. */
  services: Pick<Services, "auth"> | null,
  endpoint: E,
  handler: MountHandler<E>,
  options: MountOptions = {},
): void {
  const parse = (where: "params" | "query" | "body", schema: z.ZodType | undefined, value: unknown) => {
    if (!schema) return undefined;
    if (where !== "params") assertJsonDepth(value, where === "query" ? "the query" : "the body");
    const parsed = schema.safeParse(
      value === undefined && where === "body" && options.emptyBody === "as-is" ? value : (value ?? {}),
    );
    if (parsed.success) return parsed.data;
    throw (
      options.invalid?.(where, parsed.error.issues) ?? validationError(where, parsed.error.issues, options)
    );
  };
  if (endpoint.auth !== "none" && !services)
    throw new Error(
      `mount ${endpoint.method} ${endpoint.path}: an endpoint with auth "${endpoint.auth}" needs services`,
    );
  app.route({
    ...options.route,
    method: endpoint.method,
    url: endpoint.path,
    handler: async (request, reply) => {
      const principal =
        endpoint.auth === "none"
          ? null
          : await services!.auth.authenticate(Authenticator.keyOf(request), keyKinds[endpoint.auth]);
      options.beforeParse?.(request);
      const context = {
        principal,
        params: parse("params", endpoint.params, request.params),
        query: parse("query", endpoint.query, request.query),
        body: parse("body", endpoint.body, request.body),
        request,
        reply,
      } as MountContext<E>;
      return handler(context);
    },
  });
}
