/**
 * Gateway calls with fields beyond what genchi stores (a model name over 512 characters, a
 * message role that is empty or over 64, tool calls and usage in odd shapes) reach the client
 * exactly as the upstream sent them and are logged too: the offending fields are cut (with a
 * `…` marker) or mapped to a safe value, and the call says so in `metadata.warnings`. Before,
 * ingest refused such a call and the gateway only counted it as rejected. Through real HTTP, a
 * real genchi server on each backend, the scripted upstream and a raw upstream for odd answers.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Call } from "@genchi/spec";
import { storeBackends } from "@genchi/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GatewayStats } from "../src/features/gateway/gateway.js";
import { type GatewayHarness, normalizeIds, startGatewayHarness } from "./gateway-harness.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const longModel = `gpt-4o-mini-${"x".repeat(588)}`; // 600 characters

/** An upstream answering every request with one fixed chat completion (odd on purpose). */
const oddAnswer = {
  id: "chatcmpl-odd",
  object: "chat.completion",
  created: 0,
  model: `odd-${"m".repeat(696)}`,
  choices: [
    {
      index: 0,
      message: {
        role: "",
        content: "fine",
        tool_calls: [
          "not an object",
          { id: 5, type: "function", function: { name: "lookup", arguments: { q: 1 } } },
        ],
      },
      finish_reason: "f".repeat(600),
    },
  ],
  usage: { prompt_tokens: -3, completion_tokens: 4, total_tokens: 1 },
};

describe.each(storeBackends)("gateway calls over ingest limits on %s", (_backend, makeTarget) => {
  let h: GatewayHarness;
  let cleanup: () => Promise<void>;
  let odd: Server;

  beforeAll(async () => {
    odd = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(oddAnswer));
      });
    });
    await new Promise<void>((r) => odd.listen(0, "127.0.0.1", () => r()));
    const target = await makeTarget();
    cleanup = target.cleanup;
    h = await startGatewayHarness({
      db: target.url,
      gateway: { logLingerMs: 20 },
      upstreams: { odd: { baseUrl: `http://127.0.0.1:${(odd.address() as AddressInfo).port}/v1` } },
    });
    h.server.config.upstreams["openai"] = { baseUrl: `${h.upstream.url}/v1` };
  });
  afterAll(async () => {
    await h?.close();
    await cleanup?.();
    await new Promise((r) => odd?.close(r));
  });

  const post = (base: string, body: unknown) =>
    fetch(`${base}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer sk-c", "x-genchi-key": h.key },
      body: JSON.stringify(body),
    });
  const stats = async () =>
    (
      (await (
        await fetch(`${h.server.url}/api/v1/gateway/stats`, { headers: { authorization: `Bearer ${h.key}` } })
      ).json()) as GatewayStats
    ).log;
  /** The logged call, once the log queue has settled every call it took (null: not stored). */
  const logged = async (id: string | null): Promise<Call | null> => {
    expect(id).toBeTruthy();
    const deadline = Date.now() + 30_000;
    for (;;) {
      // The gateway queues a call on a 1 ms timer set before its response was sent; a longer
      // timer set after the response fires after it, so "settled" cannot be read too early.
      await sleep(25);
      const s = await stats();
      const settled = s.queued === 0 && s.writing === 0;
      const res = await fetch(`${h.server.url}/api/v1/calls/${id}`, {
        headers: { authorization: `Bearer ${h.key}` },
      });
      if (res.status === 200) return (await res.json()) as Call;
      if (
        (settled && s.enqueued === s.written + s.rejected + s.poisoned + s.dropped) ||
        Date.now() > deadline
      )
        return null;
    }
  };

  it("a model name over 512 characters: relayed as is, logged with the name cut to 512 and a warning", async () => {
    const body = { model: longModel, messages: [{ role: "user", content: "hi" }] };
    const direct = await post(h.upstream.url, body);
    const via = await post(h.server.url, body);
    expect(via.status).toBe(direct.status);
    const viaText = await via.text();
    expect(normalizeIds(viaText)).toBe(normalizeIds(await direct.text()));
    expect(viaText).toContain(longModel);

    const call = await logged(via.headers.get("x-genchi-call-id"));
    expect(call).not.toBeNull();
    const cut = `${longModel.slice(0, 511)}…`;
    expect(call).toMatchObject({ requestedModel: cut, model: cut, status: "ok", source: "gateway" });
    expect(call!.output).toMatchObject({ role: "assistant" });
    expect(call!.metadata["warnings"]).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^requestedModel: 600 characters, over the 512 genchi stores/),
        expect.stringMatching(/^model: 600 characters/),
      ]),
    );
    expect((await stats()).rejected).toBe(0);
  });

  it("a streamed answer of a model over 512 characters: logged the same way", async () => {
    const body = { model: longModel, stream: true, messages: [{ role: "user", content: "hi" }] };
    const via = await post(h.server.url, body);
    expect(via.status).toBe(200);
    const text = await via.text();
    expect(text).toContain("[DONE]");
    const call = await logged(via.headers.get("x-genchi-call-id"));
    expect(call).toMatchObject({ requestedModel: `${longModel.slice(0, 511)}…`, status: "ok" });
    expect((await stats()).rejected).toBe(0);
  });

  it("unusual message roles and fields: relayed as is, logged with safe roles and a warning", async () => {
    const body = {
      model: "gpt-4o-mini",
      messages: [
        { role: "", content: "empty role" },
        { role: "r".repeat(100), content: "long role" },
        { role: "user", content: [{ type: "text", text: 42 }], name: null, tool_call_id: 7 },
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id: 9, type: "function", function: { name: "f", arguments: { a: 1 } } }],
        },
      ],
    };
    const direct = await post(h.upstream.url, body);
    const via = await post(h.server.url, body);
    expect(via.status).toBe(direct.status);
    expect(normalizeIds(await via.text())).toBe(normalizeIds(await direct.text()));

    const call = await logged(via.headers.get("x-genchi-call-id"));
    expect(call).not.toBeNull();
    const input = call!.input as Record<string, unknown>[];
    expect(input.map((m) => m["role"])).toEqual(["unknown", `${"r".repeat(63)}…`, "user", "assistant"]);
    expect(input.map((m) => m["content"])).toEqual([
      "empty role",
      "long role",
      [{ type: "text", text: "42" }],
      null,
    ]);
    expect(input[2]).not.toHaveProperty("name");
    expect(input[2]).toMatchObject({ tool_call_id: "7" });
    expect(input[3]!["tool_calls"]).toEqual([
      { id: "9", type: "function", function: { name: "f", arguments: '{"a":1}' } },
    ]);
    expect(call!.metadata["warnings"]).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^input\[0\]\.role: empty/),
        expect.stringMatching(/^input\[1\]\.role: 100 characters, over the 64 genchi stores/),
      ]),
    );
    expect((await stats()).rejected).toBe(0);
  });

  it("an odd upstream answer (empty role, odd tool calls, negative usage, long finish reason): relayed, logged", async () => {
    const via = await post(h.server.url, {
      model: "odd/anything",
      messages: [{ role: "user", content: "hi" }],
    });
    expect(via.status).toBe(200);
    expect(await via.json()).toEqual(oddAnswer);

    const call = await logged(via.headers.get("x-genchi-call-id"));
    expect(call).not.toBeNull();
    expect(call).toMatchObject({
      provider: "odd",
      model: `${oddAnswer.model.slice(0, 511)}…`,
      finishReason: `${"f".repeat(511)}…`,
      status: "ok",
    });
    expect(call!.usage).toMatchObject({ inputTokens: null, outputTokens: 4 });
    expect(call!.output).toEqual({
      role: "assistant",
      content: "fine",
      tool_calls: [
        { type: "unknown", value: "not an object" },
        { id: "5", type: "function", function: { name: "lookup", arguments: '{"q":1}' } },
      ],
    });
    expect(call!.metadata["warnings"]).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^output\.role: empty/),
        expect.stringMatching(/^usage\.inputTokens: -3/),
      ]),
    );
    expect((await stats()).rejected).toBe(0);
  });
});
