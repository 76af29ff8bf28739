/**
 * mount's one zod → GENCHI_VALIDATION mapping, in process (Fastify's inject): the answer names
 * the first issue as it always did (message, `field`), the error keeps every issue in
 * `details.issues`, and the per-endpoint options (example, field, emptyBody) shape the message.
 */
import { defineEndpoint, type GenchiError } from "@genchi/spec";
import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { mount } from "./mount.js";
import { sendError, toGenchiError } from "./send-error.js";

const echo = defineEndpoint({
  method: "POST",
  path: "/echo/:id",
  auth: "none",
  summary: "answers what it parsed",
  params: z.object({ id: z.string() }),
  body: z.object({ name: z.string().min(2), size: z.number().int() }),
  response: z.object({ id: z.string(), name: z.string(), size: z.number() }),
});
const list = defineEndpoint({
  method: "GET",
  path: "/list",
  auth: "none",
  summary: "a query",
  query: z.object({ limit: z.coerce.number().int().min(1).default(10) }),
  response: z.object({ limit: z.number() }),
});

describe("mount", () => {
  let app: FastifyInstance;
  let thrown: GenchiError[] = [];

  const build = (options: Parameters<typeof mount>[4] = {}) => {
    app = Fastify();
    thrown = [];
    app.setErrorHandler((error, _request, reply) => {
      const known = toGenchiError(error);
      thrown.push(known);
      return sendError(reply, known);
    });
    mount(app, null, echo, async ({ params, body }) => ({ id: params.id, ...body }), options);
    mount(app, null, list, async ({ query }) => query);
    return app;
  };

  afterEach(async () => {
    await app?.close();
  });

  it("hands the handler the parsed params, query and body", async () => {
    build();
    const ok = await app.inject({ method: "POST", url: "/echo/a1", payload: { name: "ab", size: 3 } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ id: "a1", name: "ab", size: 3 });
    expect((await app.inject({ method: "GET", url: "/list?limit=5" })).json()).toEqual({ limit: 5 });
    expect((await app.inject({ method: "GET", url: "/list" })).json()).toEqual({ limit: 10 });
  });

  it("answers with the first issue and keeps every issue in details.issues", async () => {
    build({ example: '{"name":"ab","size":3}' });
    const res = await app.inject({ method: "POST", url: "/echo/a1", payload: { name: "a", size: 1.5 } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: {
        code: "GENCHI_VALIDATION",
        message: 'name: Too small: expected string to have >=2 characters; e.g. {"name":"ab","size":3}',
        field: "name",
      },
    });
    const issues = thrown[0]?.details?.["issues"] as { path: string[] }[];
    expect(issues.map((i) => i.path.join("."))).toEqual(["name", "size"]);
  });

  it("names a query parameter as one", async () => {
    build();
    const res = await app.inject({ method: "GET", url: "/list?limit=0" });
    expect(res.json()).toEqual({
      error: {
        code: "GENCHI_VALIDATION",
        message: "query parameter limit: Too small: expected number to be >=1",
        field: "limit",
      },
    });
  });

  it("leaves the field out with field: never, and parses a missing body as it is with emptyBody: as-is", async () => {
    build({ field: "never", emptyBody: "as-is" });
    const res = await app.inject({ method: "POST", url: "/echo/a1" });
    expect(res.json()).toEqual({
      error: {
        code: "GENCHI_VALIDATION",
        message: "body: Invalid input: expected object, received undefined",
      },
    });
  });

  it("refuses to mount a keyed endpoint without the services that check keys", () => {
    const keyed = defineEndpoint({ ...list, auth: "secret" });
    expect(() => mount(Fastify(), null, keyed, async ({ query }) => query)).toThrow(/needs services/);
  });
});
