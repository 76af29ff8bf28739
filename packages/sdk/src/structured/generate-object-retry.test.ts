/**
 * `generateObject` retries transient transport failures (429, 500/502/503/504, a dropped
 * connection) with back-off, against the scripted upstream over real HTTP, with both
 * transports (`baseURL` and an `openai` client). Each try is logged as a call. The delays
 * are tiny (`transportRetryBaseMs`) and only the chosen delay is checked, never elapsed time.
 */
import { type ScriptedUpstream, startScriptedUpstream } from "@genchi/scripted-upstream";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { Genchi } from "../genchi.js";
import { type IngestReceiver, startIngestReceiver } from "../test-support/ingest-receiver.js";
import { type GenerateObjectOptions, generateObject, type TransportRetry } from "./generate-object.js";
import { GenerateObjectError } from "./generate-object-error.js";

let upstream: ScriptedUpstream;
let receiver: IngestReceiver;
let genchi: Genchi;
let retries: TransportRetry[];

const product = z.object({ category: z.enum(["shoes", "bags"]) });
const value = { category: "shoes" };

beforeAll(async () => {
  upstream = await startScriptedUpstream();
  receiver = await startIngestReceiver();
  genchi = new Genchi({ url: receiver.url, key: "gk_test", flushOnExit: false, onError: () => {} });
});

afterAll(async () => {
  await genchi.shutdown();
  await upstream.close();
  await receiver.close();
});

beforeEach(() => {
  upstream.reset();
  retries = [];
});

function options(extra: Partial<GenerateObjectOptions<{ category: string }>> = {}) {
  return {
    baseURL: `${upstream.url}/v1`,
    apiKey: "sk-test",
    genchi,
    route: "categorize",
    model: "gpt-4o-mini",
    schema: product,
    messages: [{ role: "user", content: "Categorize: trail runners" }],
    transportRetryBaseMs: 4,
    onTransportRetry: (retry: TransportRetry) => retries.push(retry),
    ...extra,
  };
}

async function logged(id: string) {
  await genchi.flush();
  return receiver.calls.get(id) as {
    status: string;
    error?: string;
    metadata: { structured: Record<string, unknown> };
  };
}

describe("generateObject transport retries", () => {
  it("retries a 503 and returns the object; the failed try is logged, not final", async () => {
    upstream.script({ type: "error", status: 503 }, { type: "json", value });
    const result = await generateObject(options());
    expect(result.object).toEqual(value);
    expect(upstream.requests).toHaveLength(2);
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({ attempt: 1, retry: 1, status: 503 });
    expect(retries[0]!.delayMs).toBeGreaterThanOrEqual(2);
    expect(retries[0]!.delayMs).toBeLessThanOrEqual(4);
    const failed = await logged(retries[0]!.callId);
    expect(failed.status).toBe("error");
    expect(failed.metadata.structured).toMatchObject({
      attempt: 1,
      transportRetry: 0,
      final: false,
      transient: true,
    });
    const ok = await logged(result.callId);
    expect(ok.metadata.structured).toMatchObject({
      attempt: 1,
      transportRetry: 1,
      final: true,
      outcome: "first_try",
    });
    expect(result.attempts).toHaveLength(1);
  });

  it("retries 502 and 504 through an openai client, backing off more each time", async () => {
    upstream.script({ type: "error", status: 502 }, { type: "error", status: 504 }, { type: "json", value });
    const client = new OpenAI({ baseURL: `${upstream.url}/v1`, apiKey: "sk-test", maxRetries: 0 });
    const result = await generateObject(options({ baseURL: undefined, client }));
    expect(result.object).toEqual(value);
    expect(retries.map((r) => [r.retry, r.status])).toEqual([
      [1, 502],
      [2, 504],
    ]);
    expect(retries[1]!.delayMs).toBeGreaterThanOrEqual(4);
    expect(retries[1]!.delayMs).toBeLessThanOrEqual(8);
  });

  it("honours retry-after on 429 instead of the back-off", async () => {
    upstream.script({ type: "error", status: 429, retryAfter: 0.05 }, { type: "json", value });
    const result = await generateObject(options({ transportRetryBaseMs: 1 }));
    expect(result.object).toEqual(value);
    expect(retries).toEqual([expect.objectContaining({ status: 429, delayMs: 50 })]);
  });

  it("caps retry-after at transportRetryMaxMs", async () => {
    upstream.script({ type: "error", status: 429, retryAfter: 3600 }, { type: "json", value });
    await generateObject(options({ transportRetryMaxMs: 20 }));
    expect(retries[0]?.delayMs).toBe(20);
  });

  it.each([
    ["fetch", false],
    ["openai client", true],
  ])("retries a dropped connection (%s)", async (_name, withClient) => {
    upstream.script({ type: "disconnect" }, { type: "json", value });
    const client = new OpenAI({ baseURL: `${upstream.url}/v1`, apiKey: "sk-test", maxRetries: 0 });
    const result = await generateObject(options(withClient ? { baseURL: undefined, client } : {}));
    expect(result.object).toEqual(value);
    expect(retries).toEqual([expect.objectContaining({ status: null, retry: 1 })]);
  });

  it.each([400, 401, 404, 422])("fails at once on a %i", async (status) => {
    upstream.script({ type: "error", status }, { type: "json", value });
    const failure = (await generateObject(options()).catch((e: unknown) => e)) as GenerateObjectError;
    expect(failure).toBeInstanceOf(GenerateObjectError);
    expect(failure.code).toBe("GENCHI_UPSTREAM");
    expect(upstream.requests).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  it("gives up after maxTransportRetries, the last try final with outcome error", async () => {
    upstream.script(
      { type: "error", status: 500 },
      { type: "error", status: 500 },
      { type: "error", status: 500 },
    );
    const failure = (await generateObject(options()).catch((e: unknown) => e)) as GenerateObjectError;
    expect(failure.code).toBe("GENCHI_UPSTREAM");
    expect(failure.message).toMatch(/after 2 transport retries/);
    expect(upstream.requests).toHaveLength(3);
    expect(retries.map((r) => r.retry)).toEqual([1, 2]);
    await genchi.flush();
    const tries = [...receiver.calls.values()]
      .map((c) => (c["metadata"] as { structured: Record<string, unknown> }).structured)
      .filter((s) => s["generation"] === retries[0]?.generation);
    expect(tries.map((s) => [s["transportRetry"], s["final"], s["outcome"]])).toEqual([
      [0, false, undefined],
      [1, false, undefined],
      [2, true, "error"],
    ]);
  });

  it("does not retry with maxTransportRetries: 0", async () => {
    upstream.script({ type: "error", status: 503 }, { type: "json", value });
    await expect(generateObject(options({ maxTransportRetries: 0 }))).rejects.toMatchObject({
      code: "GENCHI_UPSTREAM",
    });
    expect(upstream.requests).toHaveLength(1);
  });

  it("counts transport retries apart from re-asks", async () => {
    upstream.script(
      { type: "error", status: 503 },
      { type: "json", value: { category: "hats" } },
      { type: "error", status: 503 },
      { type: "json", value },
    );
    const result = await generateObject(options({ maxRetries: 1, maxTransportRetries: 1 }));
    expect(result.object).toEqual(value);
    expect(result.attempts.map((a) => a.valid)).toEqual([false, true]);
    expect(retries.map((r) => [r.attempt, r.retry])).toEqual([
      [1, 1],
      [2, 1],
    ]);
  });
});
