/**
 * createGenchiApi over real loopback HTTP against a small node:http server that records each
 * request: paths filled and encoded, query strings, the key sent only where the endpoint asks
 * for one, JSON bodies, 204 and text answers, and every failure as one GenchiApiError.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGenchiApi } from "./genchi-api.js";
import { GenchiApiError } from "./genchi-api-error.js";

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}

describe("createGenchiApi", () => {
  let server: Server;
  let baseUrl: string;
  const seen: Seen[] = [];
  /** The next answer: status, content type, body. */
  let answer: { status: number; type?: string; body?: string } = { status: 200, body: "{}" };

  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let text = "";
      req.on("data", (chunk: Buffer) => {
        text += chunk.toString("utf8");
      });
      req.on("end", () => resolve(text));
    });

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      seen.push({
        method: req.method ?? "",
        url: req.url ?? "",
        authorization: req.headers.authorization,
        contentType: req.headers["content-type"],
        body: await read(req),
      });
      res.writeHead(answer.status, { "content-type": answer.type ?? "application/json" });
      res.end(answer.body ?? "");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it("fills and encodes path params, writes the query without empty values, sends the key", async () => {
    const genchi = createGenchiApi({ baseUrl: `${baseUrl}/`, key: "gk_k1" });
    answer = { status: 200, body: '{"data":[],"nextCursor":null}' };
    await genchi.evals.results({
      params: { id: "run 1/2" },
      query: { limit: 5, failedOnly: "true", cursor: "" },
    });
    expect(seen.at(-1)).toEqual({
      method: "GET",
      url: "/api/v1/evals/runs/run%201%2F2/results?limit=5&failedOnly=true",
      authorization: "Bearer gk_k1",
      contentType: undefined,
      body: "",
    });
  });

  it("sends JSON bodies and reads the answer", async () => {
    const genchi = createGenchiApi({ baseUrl, key: "gk_k1" });
    answer = {
      status: 201,
      body: '{"id":"d1","name":"golden","route":null,"description":"","itemCount":0,"createdAt":"x"}',
    };
    const dataset = await genchi.datasets.create({ body: { name: "golden" } });
    expect(dataset.id).toBe("d1");
    expect(seen.at(-1)).toMatchObject({
      method: "POST",
      url: "/api/v1/datasets",
      contentType: "application/json",
      body: '{"name":"golden"}',
    });
  });

  it("sends no key to endpoints that need none", async () => {
    const genchi = createGenchiApi({ baseUrl, key: "gk_k1" });
    answer = { status: 200, body: '{"status":"ok"}' };
    expect(await genchi.health.health()).toEqual({ status: "ok" });
    expect(seen.at(-1)?.authorization).toBeUndefined();
  });

  it("resolves a 204 with null and a text endpoint with its text", async () => {
    const genchi = createGenchiApi({ baseUrl, key: "gk_k1" });
    answer = { status: 204 };
    expect(await genchi.models.deletePin({ query: { alias: "gpt-4o" } })).toBeNull();
    expect(seen.at(-1)).toMatchObject({ method: "DELETE", url: "/api/v1/models/pins?alias=gpt-4o" });
    answer = { status: 200, type: "application/yaml", body: "description: x\n" };
    expect(await genchi.review.suiteYaml({ params: { file: "categorize.yaml" } })).toBe("description: x\n");
  });

  it("throws the server's error as GenchiApiError, field and details kept, and tells onError", async () => {
    const errors: GenchiApiError[] = [];
    const genchi = createGenchiApi({ baseUrl, key: "gk_k1", onError: (e) => errors.push(e) });
    answer = {
      status: 400,
      body: '{"error":{"code":"GENCHI_VALIDATION","message":"query parameter limit: too small","field":"limit","issues":[1,2]}}',
    };
    const error = await genchi.calls.list({ query: { limit: 0 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenchiApiError);
    expect(error).toMatchObject({
      status: 400,
      code: "GENCHI_VALIDATION",
      message: "query parameter limit: too small",
      field: "limit",
      details: { issues: [1, 2] },
    });
    expect(errors).toEqual([error]);
    expect(GenchiApiError.isInstance(error)).toBe(true);
  });

  it("names a failure without genchi's error body by its status", async () => {
    const genchi = createGenchiApi({ baseUrl, key: null });
    answer = { status: 401, type: "text/plain", body: "" };
    const error = (await genchi.calls.list().catch((e: unknown) => e)) as GenchiApiError;
    expect(error).toMatchObject({ status: 401, code: "GENCHI_UNAUTHORIZED", unauthorized: true });
    expect(seen.at(-1)?.authorization).toBeUndefined();
    answer = { status: 502, type: "text/html", body: "<h1>Bad gateway</h1>" };
    expect(await genchi.calls.list().catch((e: unknown) => e)).toMatchObject({
      status: 502,
      code: "GENCHI_UPSTREAM",
      message: "<h1>Bad gateway</h1>",
    });
  });

  it("gives status 0 when the server cannot be reached, and rethrows the caller's own abort", async () => {
    const gone = createGenchiApi({ baseUrl: "http://127.0.0.1:9", key: "k" });
    const error = (await gone.calls.list().catch((e: unknown) => e)) as GenchiApiError;
    expect(error).toMatchObject({ status: 0, code: "GENCHI_UPSTREAM" });
    expect(error.message).toMatch(/^cannot reach genchi at http:\/\/127\.0\.0\.1:9 \(/);
    const controller = new AbortController();
    controller.abort();
    const genchi = createGenchiApi({ baseUrl, key: "k" });
    const aborted = (await genchi.calls
      .list({ signal: controller.signal })
      .catch((e: unknown) => e)) as Error;
    expect(aborted.name).toBe("AbortError");
  });

  it("refuses a call missing a path param before sending it", async () => {
    const genchi = createGenchiApi({ baseUrl, key: "k" });
    const before = seen.length;
    const error = await genchi.calls.get({ params: { id: "" } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, code: "GENCHI_BAD_REQUEST", field: "id" });
    expect(seen.length).toBe(before);
  });

  it("with validate, refuses an answer spec does not declare", async () => {
    const genchi = createGenchiApi({ baseUrl, key: "k", validate: true });
    answer = { status: 200, body: '{"status":"fine"}' };
    expect(await genchi.health.health().catch((e: unknown) => e)).toMatchObject({
      status: 200,
      code: "GENCHI_VALIDATION",
      field: "status",
    });
  });
});
