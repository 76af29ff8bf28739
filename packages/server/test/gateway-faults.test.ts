/**
 * Faults: upstream timeout, 5xx, 429 with retry-after, a reset mid-stream and invalid JSON reach
 * the client exactly as the upstream sent them (genchi answers only when the upstream did not)
 * and are logged as errors. Storage slow or down: no client request fails, drops are counted.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { CallIn } from "@genchi/spec";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GatewayStats } from "../src/features/gateway/gateway.js";
import { type GatewayHarness, normalizeIds, startGatewayHarness } from "./gateway-harness.js";

/** Polls until `check` holds, failing after a generous 20 s. */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met within 20 s");
    await new Promise((r) => setTimeout(r, 25));
  }
}

const body = JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });

describe("gateway faults", () => {
  let h: GatewayHarness;
  let broken: Server;
  let brokenUrl: string;

  const post = (base: string, extra: Record<string, string> = {}, payload = body, signal?: AbortSignal) =>
    fetch(`${base}/v1/chat/completions`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: "Bearer sk-c",
        "x-genchi-key": h.key,
        ...extra,
      },
      body: payload,
      ...(signal ? { signal } : {}),
    });

  beforeAll(async () => {
    broken = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"id":"chatcmpl-1","choices":[{"message":');
    });
    await new Promise<void>((r) => broken.listen(0, "127.0.0.1", () => r()));
    brokenUrl = `http://127.0.0.1:${(broken.address() as AddressInfo).port}`;
    h = await startGatewayHarness({
      // Generous: on a busy machine an instant upstream answer can take a while to be read, and
      // the timeout test does not wait for a clock, only for this limit.
      gateway: { upstreamTimeoutMs: 3_000 },
      upstreams: { broken: { baseUrl: brokenUrl } },
    });
    // The harness's own upstreams are merged below the test's.
    h.server.config.upstreams["openai"] = { baseUrl: `${h.upstream.url}/v1` };
  });
  afterAll(async () => {
    await h?.close();
    await new Promise((r) => broken?.close(r));
  });

  it("5xx: same status and body as direct, logged as an error", async () => {
    h.upstream.script({ type: "error", status: 500 }, { type: "error", status: 500 });
    const direct = await post(h.upstream.url);
    const via = await post(h.server.url);
    expect(via.status).toBe(500);
    expect(normalizeIds(await via.text())).toBe(normalizeIds(await direct.text()));
    const [call] = await h.calls(1, "&status=error");
    expect(call).toMatchObject({ id: via.headers.get("x-genchi-call-id"), status: "error", usage: null });
    expect(call!.error).toContain("HTTP 500");
  });

  it("429 with retry-after: relayed, logged with retryAfter", async () => {
    h.upstream.script({ type: "error", status: 429, retryAfter: 7 });
    const via = await post(h.server.url);
    expect(via.status).toBe(429);
    expect(via.headers.get("retry-after")).toBe("7");
    const call = (await h.calls(2, "&status=error")).find(
      (c) => c.id === via.headers.get("x-genchi-call-id"),
    );
    expect(call?.metadata).toMatchObject({ retryAfter: "7", gateway: { httpStatus: 429 } });
  });

  it("timeout: no upstream answer within the limit → 504, logged as an error", async () => {
    // The upstream would answer only after the test's own timeout: a 504 can only be genchi's.
    h.upstream.script({ type: "text", text: "late", delayMs: 60_000 });
    const via = await post(h.server.url);
    expect(via.status).toBe(504);
    const json = (await via.json()) as { error: { code: string; message: string } };
    expect(json.error.message).toContain("upstreamTimeoutMs");
    const call = (await h.calls(3, "&status=error")).find(
      (c) => c.id === via.headers.get("x-genchi-call-id"),
    );
    expect(call?.error).toContain("no response within 3000 ms");
  });

  it("client gives up first: the call is logged as an error", async () => {
    h.upstream.script({ type: "text", text: "late", delayMs: 300 });
    await expect(post(h.server.url, {}, body, AbortSignal.timeout(100))).rejects.toThrow();
    const calls = await h.calls(4, "&status=error");
    expect(calls.some((c) => c.error?.includes("client closed"))).toBe(true);
  });

  it("reset mid-stream: the client's stream is cut the same way, usage logged as unknown", async () => {
    const stream = JSON.stringify({
      model: "gpt-4o-mini",
      stream: true,
      messages: [{ role: "user", content: "hi" }],
    });
    const cut = { type: "text" as const, text: "one two three four five six seven", cutAfterChunks: 3 };
    h.upstream.script(cut, cut);
    const read = async (res: Response) => {
      let text = "";
      try {
        for await (const chunk of res.body!) text += Buffer.from(chunk).toString();
        return { text, cut: false };
      } catch {
        return { text, cut: true };
      }
    };
    const direct = await read(await post(h.upstream.url, {}, stream));
    const viaRes = await post(h.server.url, {}, stream);
    const via = await read(viaRes);
    expect(direct.cut).toBe(true);
    expect(via.cut).toBe(true);
    expect(via.text).not.toContain("[DONE]");
    const call = (await h.calls(5, "&status=error")).find(
      (c) => c.id === viaRes.headers.get("x-genchi-call-id"),
    );
    expect(call).toMatchObject({ status: "error", usage: null });
    expect(call?.error).toContain("cut short");
  });

  it("invalid JSON from the upstream: same bytes to the client, logged as an error", async () => {
    const via = await post(h.server.url, {}, JSON.stringify({ model: "broken/gpt-4o", messages: [] }));
    expect(via.status).toBe(200);
    expect(await via.text()).toBe('{"id":"chatcmpl-1","choices":[{"message":');
    const call = (await h.calls(6, "&status=error")).find(
      (c) => c.id === via.headers.get("x-genchi-call-id"),
    );
    expect(call?.error).toContain("not valid JSON");
    expect(call?.provider).toBe("broken");
  });

  it("unreachable upstream → 502 with a message saying what to check", async () => {
    h.server.config.upstreams["gone"] = { baseUrl: "http://127.0.0.1:9" };
    const via = await post(h.server.url, {}, JSON.stringify({ model: "gone/gpt-4o", messages: [] }));
    expect(via.status).toBe(502);
    expect(((await via.json()) as { error: { message: string } }).error.message).toContain(
      "--upstream gone=",
    );
  });
});

describe("gateway with storage down or hanging", () => {
  let h: GatewayHarness;
  beforeAll(async () => {
    h = await startGatewayHarness({ gateway: { logQueueCapacity: 20, logBatchSize: 5 } });
  });
  afterAll(async () => {
    await h?.close();
  });
  const stats = async () =>
    (await (
      await fetch(`${h.server.url}/api/v1/gateway/stats`, { headers: { authorization: `Bearer ${h.key}` } })
    ).json()) as GatewayStats;
  const send = () =>
    fetch(`${h.server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-genchi-key": h.key },
      body,
    });

  it("no request fails while inserts fail, then hang; drops are counted; writes resume", async () => {
    expect((await send()).status).toBe(200);
    await h.calls(1);
    const store = h.server.store;
    const real = store.insertCalls.bind(store);
    store.insertCalls = async () => {
      throw new Error("storage down (test)");
    };
    const failing = await Promise.all(Array.from({ length: 10 }, send));
    expect(failing.every((r) => r.status === 200)).toBe(true);
    await eventually(async () => (await stats()).log.failedWrites > 0);
    // Now a store whose insert never returns: the queue fills, the rest is dropped and counted.
    store.insertCalls = () => new Promise(() => {});
    // Were a client request to wait for the store, this would never resolve (the test times out).
    const hanging = await Promise.all(Array.from({ length: 60 }, send));
    expect(hanging.every((r) => r.status === 200)).toBe(true);
    // Each call is queued a moment after its response: wait for the drops rather than assume them.
    await eventually(async () => (await stats()).log.dropped > 0);
    expect((await stats()).log.queued).toBeLessThanOrEqual(20);
    store.insertCalls = real;
  });

  it("the writer resumes with a working store: queued calls are written", async () => {
    // A fresh harness: the hung write above is never answered, by design.
    const h2 = await startGatewayHarness({ gateway: { logQueueCapacity: 1000, logBatchSize: 5 } });
    try {
      const store = h2.server.store;
      const real = store.insertCalls.bind(store);
      let failures = 0;
      store.insertCalls = async (projectId: string, calls: readonly CallIn[] | never) => {
        if (failures++ < 2) throw new Error("storage down (test)");
        return real(projectId, calls as never);
      };
      const sent = await Promise.all(
        Array.from({ length: 8 }, () =>
          fetch(`${h2.server.url}/v1/chat/completions`, {
            method: "POST",
            headers: { "content-type": "application/json", "x-genchi-key": h2.key },
            body,
          }),
        ),
      );
      expect(sent.every((r) => r.status === 200)).toBe(true);
      const calls = await h2.calls(8);
      expect(calls.length).toBe(8);
    } finally {
      await h2.close();
    }
  });
});
