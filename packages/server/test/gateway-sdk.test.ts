/**
 * The official `openai` and `@anthropic-ai/sdk` clients against the gateway in front of the
 * scripted upstream: the same results as calling the upstream directly, streamed and not, and
 * each call logged with tokens, cost, latency, TTFT and the x-genchi-* metadata.
 */
import Anthropic from "@anthropic-ai/sdk";
import type { TextReply } from "@genchi/scripted-upstream";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayHarness, normalizeIds, startGatewayHarness } from "./gateway-harness.js";

describe("gateway with the official clients", () => {
  let h: GatewayHarness;
  let direct: OpenAI;
  let via: OpenAI;
  let anthropicDirect: Anthropic;
  let anthropicVia: Anthropic;
  const genchiHeaders = () => ({
    "x-genchi-key": h.key,
    "x-genchi-route": "capitals",
    "x-genchi-user": "user-7",
    "x-genchi-session": "sess-1",
    "x-genchi-prompt-version": "v3",
    "x-genchi-tags": "prod, eu",
  });

  beforeAll(async () => {
    h = await startGatewayHarness({}, { chunkDelayMs: 2 });
    direct = new OpenAI({ baseURL: `${h.upstream.url}/v1`, apiKey: "sk-client-secret", maxRetries: 0 });
    via = new OpenAI({
      baseURL: `${h.server.url}/v1`,
      apiKey: "sk-client-secret",
      maxRetries: 0,
      defaultHeaders: genchiHeaders(),
    });
    anthropicDirect = new Anthropic({ baseURL: h.upstream.url, apiKey: "sk-ant-client", maxRetries: 0 });
    anthropicVia = new Anthropic({
      baseURL: h.server.url,
      apiKey: "sk-ant-client",
      maxRetries: 0,
      defaultHeaders: genchiHeaders(),
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  const reply: TextReply = {
    type: "text",
    text: "The capital of France is Paris.",
    usage: { inputTokens: 1000, outputTokens: 200 },
  };
  const messages = [{ role: "user" as const, content: "Capital of France?" }];

  it("chat completion: same result as direct, logged with tokens, cost, latency and metadata", async () => {
    h.upstream.script(reply, reply);
    const a = await direct.chat.completions.create({ model: "gpt-4o-mini", messages });
    const { data: b, response } = await via.chat.completions
      .create({ model: "gpt-4o-mini", messages })
      .withResponse();
    expect(normalizeIds(JSON.stringify(b))).toBe(normalizeIds(JSON.stringify(a)));
    const callId = response.headers.get("x-genchi-call-id");
    expect(callId).toBeTruthy();
    // The client's own key went upstream untouched.
    expect(h.upstream.requests.at(-1)?.headers.authorization).toBe("Bearer sk-client-secret");
    const [call] = await h.calls(1);
    expect(call).toMatchObject({
      id: callId,
      source: "gateway",
      provider: "openai",
      route: "capitals",
      userId: "user-7",
      sessionId: "sess-1",
      promptVersion: "v3",
      tags: ["prod", "eu"],
      requestedModel: "gpt-4o-mini",
      model: "gpt-4o-mini-2024-07-18",
      status: "ok",
      usage: { inputTokens: 1000, outputTokens: 200 },
      finishReason: "stop",
      output: { role: "assistant", content: "The capital of France is Paris." },
    });
    expect(call!.costUsd).toBeCloseTo(0.00027, 8);
    expect(call!.latencyMs).toBeGreaterThan(0);
    expect(call!.ttftMs).toBeGreaterThan(0);
    expect(JSON.stringify(call)).not.toContain("sk-client-secret");
  });

  it("streamed chat: same chunks as direct, usage logged, the usage chunk hidden from the client", async () => {
    h.upstream.script(reply, reply);
    const collect = async (client: OpenAI) => {
      const stream = await client.chat.completions.create({ model: "gpt-4o-mini", messages, stream: true });
      const chunks: unknown[] = [];
      for await (const c of stream) chunks.push(c);
      return chunks;
    };
    const a = await collect(direct);
    const b = await collect(via);
    expect(b.length).toBe(a.length);
    expect(normalizeIds(JSON.stringify(b))).toBe(normalizeIds(JSON.stringify(a)));
    // genchi asked upstream for usage on the client's behalf.
    expect(h.upstream.requests.at(-1)?.body).toMatchObject({ stream_options: { include_usage: true } });
    const [call] = await h.calls(2);
    expect(call).toMatchObject({
      status: "ok",
      usage: { inputTokens: 1000, outputTokens: 200 },
      model: "gpt-4o-mini-2024-07-18",
      output: { content: "The capital of France is Paris." },
    });
    expect(call!.ttftMs).toBeGreaterThan(0);
    expect(call!.ttftMs!).toBeLessThanOrEqual(call!.latencyMs!);
  });

  it("streamed chat with include_usage asked by the client: usage chunk relayed as direct", async () => {
    h.upstream.script(reply, reply);
    const collect = async (client: OpenAI) => {
      const stream = await client.chat.completions.create({
        model: "gpt-4o-mini",
        messages,
        stream: true,
        stream_options: { include_usage: true },
      });
      const chunks: OpenAI.ChatCompletionChunk[] = [];
      for await (const c of stream) chunks.push(c);
      return chunks;
    };
    const a = await collect(direct);
    const b = await collect(via);
    expect(normalizeIds(JSON.stringify(b))).toBe(normalizeIds(JSON.stringify(a)));
    expect(b.at(-1)?.usage?.prompt_tokens).toBe(1000);
  });

  it("embeddings and models relay as direct", async () => {
    const a = await direct.embeddings.create({ model: "text-embedding-3-small", input: "hello" });
    const b = await via.embeddings.create({ model: "text-embedding-3-small", input: "hello" });
    expect(b).toEqual(a);
    const ma = await direct.models.list();
    const mb = await via.models.list();
    expect(mb.data).toEqual(ma.data);
    const calls = await h.calls(4);
    expect(calls[0]).toMatchObject({
      requestedModel: "text-embedding-3-small",
      input: "hello",
      status: "ok",
    });
  });

  it("anthropic messages, not streamed and streamed: same results, logged", async () => {
    const ar: TextReply = { ...reply, path: "/v1/messages" };
    h.upstream.script(ar, ar, ar, ar);
    const params = { model: "claude-3-5-haiku-latest", max_tokens: 100, system: "Be brief.", messages };
    const a = await anthropicDirect.messages.create(params);
    const b = await anthropicVia.messages.create(params);
    expect(normalizeIds(JSON.stringify(b))).toBe(normalizeIds(JSON.stringify(a)));
    // The client's own credentials reach the upstream exactly as they would directly.
    const [sentDirect, sentVia] = h.upstream.requests.slice(-2);
    expect(sentVia?.headers.authorization ?? sentVia?.headers["x-api-key"]).toBeDefined();
    expect(sentVia?.headers.authorization).toBe(sentDirect?.headers.authorization);
    expect(sentVia?.headers["x-api-key"]).toBe(sentDirect?.headers["x-api-key"]);
    const events = async (client: Anthropic) => {
      const out: unknown[] = [];
      for await (const e of await client.messages.create({ ...params, stream: true })) out.push(e);
      return out;
    };
    const sa = await events(anthropicDirect);
    const sb = await events(anthropicVia);
    expect(normalizeIds(JSON.stringify(sb))).toBe(normalizeIds(JSON.stringify(sa)));
    const [streamed, plain] = await h.calls(6);
    for (const call of [streamed!, plain!]) {
      expect(call).toMatchObject({
        provider: "anthropic",
        requestedModel: "claude-3-5-haiku-latest",
        model: "claude-3-5-haiku-20241022",
        status: "ok",
        usage: { inputTokens: 1000, outputTokens: 200 },
        output: { content: "The capital of France is Paris." },
        route: "capitals",
      });
      expect(call.input).toEqual([{ role: "system", content: "Be brief." }, ...messages]);
      expect(call.costUsd).toBeGreaterThan(0);
      expect(JSON.stringify(call)).not.toContain("sk-ant-client");
    }
    expect(streamed!.ttftMs).toBeGreaterThan(0);
  });

  it("responses API streamed: usage from response.completed", async () => {
    const rr: TextReply = { ...reply, path: "/v1/responses" };
    h.upstream.script(rr, rr);
    const collect = async (client: OpenAI) => {
      const out: unknown[] = [];
      for await (const e of await client.responses.create({
        model: "gpt-4o-mini",
        input: "Capital of France?",
        stream: true,
      }))
        out.push(e);
      return out;
    };
    const a = await collect(direct);
    const b = await collect(via);
    expect(normalizeIds(JSON.stringify(b))).toBe(normalizeIds(JSON.stringify(a)));
    const [call] = await h.calls(7);
    expect(call).toMatchObject({
      status: "ok",
      usage: { inputTokens: 1000, outputTokens: 200 },
      input: "Capital of France?",
    });
  });

  it("refuses a request without x-genchi-key", async () => {
    const res = await fetch(`${h.server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer sk-x" },
      body: JSON.stringify({ model: "gpt-4o-mini", messages }),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("x-genchi-key");
  });
});
