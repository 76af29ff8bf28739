/**
 * Deeply nested JSON at every JSON entry point (gateway, ingest, feedback, OTLP/JSON, a REST
 * route validated by parseInput): a clear 400 GENCHI_VALIDATION, never a 500 or a crash, and
 * the server keeps answering. Bodies within the limit still go through.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maxJsonDepth } from "../src/platform/util/json-depth.js";
import { type GatewayHarness, startGatewayHarness } from "./gateway-harness.js";

/** `[[[…]]]` nested `levels` deep, as text (JSON.stringify itself cannot make it). */
const nested = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;
const nestedObject = (levels: number) => `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;
const chat = (model: string, extra: string) =>
  `{"model":"${model}","messages":[{"role":"user","content":"hi"}],"x":${extra}}`;

describe("deeply nested JSON bodies", () => {
  let h: GatewayHarness;
  beforeAll(async () => {
    h = await startGatewayHarness();
  });
  afterAll(async () => {
    await h?.close();
  });
  const post = async (path: string, body: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${h.server.url}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${h.key}`,
        "x-genchi-key": h.key,
        ...headers,
      },
      body,
    });
    const text = await res.text();
    return {
      status: res.status,
      text,
      json: () => JSON.parse(text) as { error: { code: string; message: string } },
    };
  };
  const expectDepthError = (r: Awaited<ReturnType<typeof post>>) => {
    expect(r.status, r.text).toBe(400);
    expect(r.json().error.code).toBe("GENCHI_VALIDATION");
    expect(r.json().error.message).toContain(String(maxJsonDepth));
  };

  it("the gateway refuses a 20,000-deep body whose model it rewrites, and stays up", async () => {
    const before = h.upstream.requests.length;
    expectDepthError(await post("/v1/chat/completions", chat("openai/gpt-4o-mini", nested(20_000))));
    expectDepthError(await post("/v1/messages", chat("anthropic/claude-3-5-haiku", nestedObject(20_000))));
    // The fallback route (trailing slash, served by Fastify) too.
    expectDepthError(await post("/v1/chat/completions/", chat("openai/gpt-4o-mini", nested(20_000))));
    expect(h.upstream.requests.length).toBe(before);
    expect((await fetch(`${h.server.url}/api/health`)).status).toBe(200);
  });

  it("the gateway refuses a too-deep body it would forward unchanged (it would be logged)", async () => {
    expectDepthError(await post("/v1/chat/completions", chat("gpt-4o-mini", nested(maxJsonDepth + 5))));
  });

  it("the gateway forwards a body at the limit", async () => {
    // The top-level object is depth 1, "x" holds the rest.
    const r = await post("/v1/chat/completions", chat("openai/gpt-4o-mini", nested(maxJsonDepth - 1)));
    expect(r.status, r.text).toBe(200);
  });

  it("ingest refuses deep metadata with a 400 and keeps storing", async () => {
    const deep = `{"calls":[{"input":"hi","output":"yo","metadata":{"x":${nested(20_000)}}}]}`;
    expectDepthError(await post("/api/v1/ingest", deep));
    const justOver = `{"calls":[{"input":"hi","metadata":{"x":${nested(maxJsonDepth)}}}]}`;
    expectDepthError(await post("/api/v1/ingest", justOver));
    const ok = await post(
      "/api/v1/ingest",
      `{"calls":[{"id":"deep-ok-1","input":"hi","metadata":{"x":${nested(maxJsonDepth - 4)}}}]}`,
    );
    expect(ok.status, ok.text).toBe(207);
    expect(JSON.parse(ok.text).stored).toBe(1);
  });

  it("feedback refuses deep metadata with a 400", async () => {
    await post("/api/v1/ingest", '{"calls":[{"id":"deep-fb-call","input":"hi"}]}');
    const deep = `{"callId":"deep-fb-call","kind":"thumbs_up","metadata":{"x":${nested(20_000)}}}`;
    expectDepthError(await post("/api/v1/feedback", deep));
  });

  it("OTLP/JSON refuses a deep body and a span whose JSON attribute is deep", async () => {
    // The decoder bounds the OTLP shape itself (a wrong shape is GENCHI_BAD_OTLP).
    const shape = await post("/v1/traces", `{"resourceSpans":${nested(20_000)}}`);
    expect(shape.status, shape.text).toBe(400);
    const span = {
      traceId: "5b8efff798038103d269b633813fc60c",
      spanId: "eee19b7ec3c1b174",
      name: "chat gpt-4o-mini",
      kind: 3,
      startTimeUnixNano: "1700000000000000000",
      endTimeUnixNano: "1700000001000000000",
      attributes: [
        { key: "gen_ai.operation.name", value: { stringValue: "chat" } },
        { key: "gen_ai.request.model", value: { stringValue: "gpt-4o-mini" } },
        {
          key: "gen_ai.input.messages",
          value: { stringValue: `[{"role":"user","parts":[{"type":"x","deep":${nested(20_000)}}]}]` },
        },
      ],
    };
    const body = JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [span] }] }] });
    expectDepthError(await post("/v1/traces", body));
  });

  it("a REST route validated with parseInput refuses a deep body", async () => {
    const made = await post("/api/v1/datasets", '{"name":"deep-d"}');
    expect(made.status, made.text).toBe(201);
    const r = await post("/api/v1/datasets/deep-d/items", `{"items":[{"vars":{"x":${nested(20_000)}}}]}`);
    expectDepthError(r);
  });

  it("is still alive", async () => {
    expect((await fetch(`${h.server.url}/api/health`)).status).toBe(200);
  });
});
