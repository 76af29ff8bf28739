/**
 * The gateway's hot path (http/gateway-fast-path.ts) serves gateway requests before Fastify:
 * its edges must answer like the rest of the API (JSON errors, body limit, keys) and leave what
 * it does not recognise to Fastify.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayHarness, startGatewayHarness } from "./gateway-harness.js";

const body = JSON.stringify({
  model: "gpt-4o-mini",
  messages: [{ role: "user", content: "Capital of France?" }],
});

describe("gateway fast path", () => {
  let h: GatewayHarness;
  beforeAll(async () => {
    h = await startGatewayHarness({ maxBodyBytes: 4_096 });
  });
  afterAll(async () => {
    await h?.close();
  });
  const post = (path: string, init: { body?: string; key?: string | null } = {}) =>
    fetch(`${h.server.url}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: "Bearer sk-client",
        ...(init.key === null ? {} : { "x-genchi-key": init.key ?? h.key }),
      },
      body: init.body ?? body,
    });

  it("relays a request and names the logged call", async () => {
    const res = await post("/v1/chat/completions");
    expect(res.status).toBe(200);
    const id = res.headers.get("x-genchi-call-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const calls = await h.calls(1);
    expect(calls.map((c) => c.id)).toContain(id);
  });

  it("answers an unknown key with a JSON 401, before anything goes upstream", async () => {
    const before = h.upstream.requests.length;
    const res = await post("/v1/chat/completions", { key: "gk_not_a_key_0000000000000000" });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("GENCHI_UNAUTHORIZED");
    expect(h.upstream.requests.length).toBe(before);
  });

  it("refuses a body over the limit with a JSON 413, whether declared or streamed", async () => {
    const big = JSON.stringify({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "x".repeat(10_000) }],
    });
    const res = await post("/v1/chat/completions", { body: big });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("GENCHI_PAYLOAD_TOO_LARGE");
    // Without a content-length (chunked), the limit is enforced as the body arrives.
    const chunked = await fetch(`${h.server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-genchi-key": h.key },
      body: new Blob([big]).stream(),
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it("serves paths with a query string, and leaves other paths to Fastify", async () => {
    const before = h.upstream.requests.length;
    const res = await fetch(`${h.server.url}/v1/models?limit=5`, { headers: { "x-genchi-key": h.key } });
    expect(res.status).toBe(200);
    expect(h.upstream.requests.length).toBe(before + 1);
    // A trailing slash is Fastify's route, relayed as written: the upstream answers, genchi names the call.
    const trailing = await post("/v1/chat/completions/");
    expect(trailing.headers.get("x-genchi-call-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(h.upstream.requests.length).toBe(before + 2);
    const unknown = await post("/v1/unknown");
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("GENCHI_NOT_FOUND");
  });
});
