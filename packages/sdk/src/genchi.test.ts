/** The genchi client against a real local ingest endpoint: batching, retries, drops, flush, shutdown. */
import { GenchiError } from "@genchi/spec";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Genchi } from "./genchi.js";
import type { GenchiOptions } from "./genchi-options.js";
import { type IngestReceiver, startIngestReceiver, until } from "./test-support/ingest-receiver.js";

let receiver: IngestReceiver;
let errors: GenchiError[];
const clients: Genchi[] = [];

function client(options: GenchiOptions = {}): Genchi {
  const genchi = new Genchi({
    url: receiver.url,
    key: "gk_test_key",
    flushOnExit: false,
    flushIntervalMs: 60_000,
    retryBaseMs: 5,
    onError: (e) => errors.push(e),
    ...options,
  });
  clients.push(genchi);
  return genchi;
}

/** Polls `check` on real time (setImmediate, not the fake timers), failing after a generous 20 s. */
async function eventually(check: () => boolean): Promise<void> {
  const deadline = performance.now() + 20_000;
  while (!check()) {
    if (performance.now() > deadline) throw new Error("condition not met within 20 s");
    await new Promise((r) => setImmediate(r));
  }
}

const call = (n: number) => ({
  route: "test",
  model: "gpt-4o-mini",
  input: `question ${n}`,
  output: `answer ${n}`,
});

beforeEach(async () => {
  receiver = await startIngestReceiver();
  errors = [];
});

afterEach(async () => {
  for (const c of clients.splice(0)) await c.shutdown({ timeoutMs: 100 });
  await receiver.close();
});

describe("Genchi", () => {
  it("returns a time-ordered id at once and sends the ingest shape with the key", async () => {
    const genchi = client();
    const ids = [genchi.log(call(1)), genchi.log(call(2)), genchi.log({ ...call(3), id: "my-own-id" })];
    expect(ids[0]! < ids[1]!).toBe(true);
    expect(ids[2]).toBe("my-own-id");
    expect(receiver.batches).toHaveLength(0);
    await genchi.flush();
    expect(receiver.batches).toHaveLength(1);
    const [batch] = receiver.batches;
    expect(batch?.headers.authorization).toBe("Bearer gk_test_key");
    expect(batch?.headers["content-type"]).toBe("application/json");
    expect(batch?.body.feedback).toEqual([]);
    expect(batch?.body.calls?.map((c) => c["id"])).toEqual(ids);
    expect(batch?.body.calls?.[0]).toMatchObject({
      ...call(1),
      source: "sdk",
      timestamp: expect.stringMatching(/Z$/),
    });
    expect(genchi.stats()).toEqual({ buffered: 0, sent: 3, dropped: 0, failed: 0, retries: 0 });
  });

  it("does not touch the caller's object", async () => {
    const genchi = client();
    const mine = call(1);
    genchi.log(mine);
    await genchi.flush();
    expect(mine).toEqual(call(1));
  });

  it("sends a batch as soon as batchSize items wait", async () => {
    const genchi = client({ batchSize: 3 });
    for (let i = 0; i < 7; i++) genchi.log(call(i));
    await until(() => genchi.stats().sent === 6);
    expect(receiver.batches.map((b) => b.body.calls?.length)).toEqual([3, 3]);
    expect(genchi.stats().buffered).toBe(1);
    await genchi.flush();
    expect(receiver.batches.map((b) => b.body.calls?.length)).toEqual([3, 3, 1]);
  });

  it("sends what waits every flushIntervalMs", async () => {
    const genchi = client({ flushIntervalMs: 30 });
    genchi.log(call(1));
    genchi.log(call(2));
    await until(() => genchi.stats().sent === 2);
    expect(receiver.batches[0]?.body.calls).toHaveLength(2);
    genchi.log(call(3));
    await until(() => genchi.stats().sent === 3);
    expect(receiver.batches).toHaveLength(2);
    expect(genchi.stats().buffered).toBe(0);
  });

  it("retries 5xx with backoff and stores every call once", async () => {
    receiver.fail({ status: 500 }, { status: 503, afterStoring: true });
    const genchi = client();
    const ids = [1, 2, 3].map((n) => genchi.log(call(n)));
    await genchi.flush();
    expect(receiver.batches.map((b) => b.status)).toEqual([500, 503, 207]);
    for (const batch of receiver.batches) expect(batch.body.calls?.map((c) => c["id"])).toEqual(ids);
    expect([...receiver.calls.keys()]).toEqual(ids);
    expect(genchi.stats()).toEqual({ buffered: 0, sent: 3, dropped: 0, failed: 0, retries: 2 });
    expect(errors).toEqual([]);
  });

  it("honours retry-after on 429", async () => {
    // The SDK's wait runs on fake timers, so the test neither waits a real second nor depends
    // on how fast the machine is: the retry must not start before the clock reaches 1000 ms,
    // and must start once it does. (With the 1 ms backoff, an ignored retry-after shows at once.)
    receiver.fail({ status: 429, headers: { "retry-after": "1" } });
    const attempts: string[] = [];
    const counting: typeof fetch = (url, init) => {
      attempts.push(String(url));
      return fetch(url, init);
    };
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const genchi = client({ retryBaseMs: 1, fetch: counting });
      genchi.log(call(1));
      const flushed = genchi.flush();
      await eventually(() => genchi.stats().retries === 1); // the 429 is in; the SDK sleeps
      expect(attempts).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(999);
      await new Promise((r) => setImmediate(r));
      expect(attempts).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      await eventually(() => attempts.length === 2);
      await flushed;
      expect(receiver.batches.map((b) => b.status)).toEqual([429, 207]);
      expect(genchi.stats()).toMatchObject({ sent: 1, retries: 1 });
    } finally {
      vi.useRealTimers();
    }
  });

  it("gives up after maxRetries and reports the batch as failed", async () => {
    receiver.fail({ status: 500 }, { status: 500 }, { status: 500 });
    const genchi = client({ maxRetries: 2 });
    genchi.log(call(1));
    genchi.log(call(2));
    await genchi.flush();
    expect(receiver.batches).toHaveLength(3);
    expect(genchi.stats()).toEqual({ buffered: 0, sent: 0, dropped: 0, failed: 2, retries: 2 });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(GenchiError);
    expect(errors[0]?.code).toBe("GENCHI_UPSTREAM");
    expect(errors[0]?.message).toMatch(/after 3 attempt\(s\): HTTP 500/);
  });

  it("retries network errors", async () => {
    const down = `http://127.0.0.1:1`;
    const genchi = client({ url: down, maxRetries: 1 });
    genchi.log(call(1));
    await genchi.flush();
    expect(genchi.stats()).toMatchObject({ failed: 1, retries: 1 });
    expect(errors[0]?.code).toBe("GENCHI_UPSTREAM");
  });

  it("does not retry a 401 and says what to check", async () => {
    receiver.fail({ status: 401, body: { error: { code: "GENCHI_UNAUTHORIZED", message: "unknown key" } } });
    const genchi = client();
    genchi.log(call(1));
    await genchi.flush();
    expect(receiver.batches).toHaveLength(1);
    expect(errors[0]?.code).toBe("GENCHI_UNAUTHORIZED");
    expect(errors[0]?.message).toMatch(/GENCHI_KEY/);
    expect(genchi.stats()).toMatchObject({ failed: 1, retries: 0 });
  });

  it("reports rejected items and does not retry them", async () => {
    receiver.reject((item) => (item["input"] === "bad" ? "input: expected string or messages" : undefined));
    const genchi = client();
    genchi.log(call(1));
    const bad = genchi.log({ ...call(2), input: "bad" });
    genchi.log(call(3));
    await genchi.flush();
    expect(receiver.batches).toHaveLength(1);
    expect(genchi.stats()).toMatchObject({ sent: 2, failed: 1, retries: 0 });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.code).toBe("GENCHI_VALIDATION");
    expect(errors[0]?.details).toMatchObject({ type: "call", index: 1, id: bad, field: "input" });
    expect(errors[0]?.message).toContain(bad);
  });

  it("bounds the buffer and counts what it drops", async () => {
    const genchi = client({ maxBufferSize: 5 });
    const ids = Array.from({ length: 8 }, (_, n) => genchi.log(call(n)));
    expect(new Set(ids).size).toBe(8);
    expect(genchi.stats()).toMatchObject({ buffered: 5, dropped: 3 });
    await genchi.flush();
    expect(receiver.calls.size).toBe(5);
    expect(genchi.stats()).toEqual({ buffered: 0, sent: 5, dropped: 3, failed: 0, retries: 0 });
    expect(errors.map((e) => e.code)).toEqual(["GENCHI_RATE_LIMITED"]);
  });

  it("buffers feedback with the calls, in order", async () => {
    const genchi = client();
    const callId = genchi.log(call(1));
    const feedbackId = genchi.feedback({ callId, kind: "thumbs_down", comment: "wrong" });
    await genchi.flush();
    expect(receiver.batches[0]?.body.feedback).toEqual([
      { callId, kind: "thumbs_down", comment: "wrong", id: feedbackId, timestamp: expect.any(String) },
    ]);
    expect(receiver.feedback.has(feedbackId)).toBe(true);
  });

  it("flush() waits for what was logged before it, across several batches", async () => {
    receiver.delay(20);
    const genchi = client({ batchSize: 2 });
    for (let i = 0; i < 5; i++) genchi.log(call(i));
    await genchi.flush();
    expect(receiver.calls.size).toBe(5);
    expect(genchi.stats().buffered).toBe(0);
    await genchi.flush(); // nothing left: resolves at once
  });

  it("shutdown() flushes, stops, and drops later logs", async () => {
    const genchi = client({ flushIntervalMs: 10 });
    genchi.log(call(1));
    await genchi.shutdown();
    expect(receiver.calls.size).toBe(1);
    genchi.log(call(2));
    await new Promise((r) => setTimeout(r, 40));
    expect(receiver.batches).toHaveLength(1);
    expect(genchi.stats()).toMatchObject({ sent: 1, dropped: 1 });
  });

  it("shutdown({ timeoutMs }) gives up on a server that never answers", async () => {
    const hanging: typeof fetch = () => new Promise(() => {});
    const genchi = client({ fetch: hanging });
    genchi.log(call(1));
    await genchi.shutdown({ timeoutMs: 50 });
    expect(errors.map((e) => e.code)).toEqual(["GENCHI_UPSTREAM"]);
    expect(genchi.stats().buffered).toBe(1);
  });

  it("splits a batch the server finds too large", async () => {
    receiver.fail({ status: 413 });
    const genchi = client();
    for (let i = 0; i < 4; i++) genchi.log(call(i));
    await genchi.flush();
    expect(receiver.batches.map((b) => b.body.calls?.length)).toEqual([4, 2, 2]);
    expect(genchi.stats()).toMatchObject({ sent: 4, failed: 0 });
  });

  it("sets aside an item JSON cannot hold and sends the rest", async () => {
    const genchi = client();
    const metadata: Record<string, unknown> = {};
    metadata["self"] = metadata;
    genchi.log(call(1));
    const broken = genchi.log({ ...call(2), metadata });
    await genchi.flush();
    expect(receiver.calls.size).toBe(1);
    expect(errors[0]?.details).toMatchObject({ id: broken });
    expect(genchi.stats()).toMatchObject({ sent: 1, failed: 1 });
  });

  it("checks its options", () => {
    const saved = { url: process.env.GENCHI_URL, key: process.env.GENCHI_KEY };
    delete process.env.GENCHI_URL;
    delete process.env.GENCHI_KEY;
    try {
      expect(() => new Genchi({ key: "k" })).toThrow(/GENCHI_URL/);
      expect(() => new Genchi({ url: "http://x" })).toThrow(/GENCHI_KEY/);
      expect(() => new Genchi({ url: "x", key: "k" })).toThrow(GenchiError);
      expect(() => new Genchi({ url: "http://x", key: "k", batchSize: 0 })).toThrow(/batchSize/);
      process.env.GENCHI_URL = "http://127.0.0.1:4242/";
      process.env.GENCHI_KEY = "gk_env";
      const fromEnv = new Genchi({ flushOnExit: false });
      expect(fromEnv.options).toMatchObject({ url: "http://127.0.0.1:4242", key: "gk_env", batchSize: 100 });
    } finally {
      process.env.GENCHI_URL = saved.url ?? "";
      process.env.GENCHI_KEY = saved.key ?? "";
      if (saved.url === undefined) delete process.env.GENCHI_URL;
      if (saved.key === undefined) delete process.env.GENCHI_KEY;
    }
  });
});
