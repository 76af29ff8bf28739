/**
 * Fuzz over real HTTP: a few hundred seeded bodies (bench/fuzz/fuzz-bodies.js: malformed JSON,
 * wrong types, unknown fields, huge strings, deep nesting, extreme numbers and timestamps, NUL
 * characters, empty bodies, arrays for objects, mixed batches) sent to ingest, feedback,
 * OTLP/JSON and the gateway routes of a genchi in front of the scripted upstream on a temp
 * SQLite file. No answer may be a 5xx, the server must still answer at the end, and the valid
 * calls of mixed batches must be stored. Deterministic: same seed, same bodies, in order.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fuzzCases } from "../../../bench/fuzz/fuzz-bodies.js";
import { type GatewayHarness, startGatewayHarness } from "./gateway-harness.js";

const seed = 20_261_201;
const count = 350;

interface FuzzCase {
  route: string;
  path: string;
  kind: string;
  contentType: string | null;
  body: string | Buffer;
  storedIds: string[];
}

describe("fuzz: JSON entry points", () => {
  let h: GatewayHarness;
  beforeAll(async () => {
    h = await startGatewayHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const send = async (c: Pick<FuzzCase, "path" | "contentType" | "body">) => {
    const headers: Record<string, string> = { authorization: `Bearer ${h.key}`, "x-genchi-key": h.key };
    if (c.contentType) headers["content-type"] = c.contentType;
    const res = await fetch(`${h.server.url}${c.path}`, {
      method: "POST",
      headers,
      body: typeof c.body === "string" ? Buffer.from(c.body) : c.body,
    });
    return { status: res.status, text: await res.text(), callId: res.headers.get("x-genchi-call-id") };
  };
  const get = (path: string) =>
    fetch(`${h.server.url}${path}`, { headers: { authorization: `Bearer ${h.key}` } });

  it(`${count} seeded bodies: no 5xx, server alive, valid items of mixed batches stored`, async () => {
    const seedCall = await send({
      path: "/api/v1/ingest",
      contentType: "application/json",
      body: JSON.stringify({ calls: [{ id: "fuzz-seed", input: "hi", output: "yo" }] }),
    });
    expect(seedCall.status, seedCall.text).toBe(207);

    const cases = fuzzCases({ seed, count, callId: "fuzz-seed" }) as FuzzCase[];
    const kinds = new Set(cases.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(
      [
        "deep",
        "empty",
        "extreme-number",
        "extreme-timestamp",
        "huge-string",
        "lone-surrogate",
        "malformed",
        "mixed-batch",
        "not-object",
        "nul",
        "unknown-fields",
        "valid",
        "wrong-type",
      ].sort(),
    );
    const failures: string[] = [];
    const byClass: Record<string, number> = {};
    /** Gateway exchanges the upstream answered: each is logged as a call. */
    const gatewayCallIds: string[] = [];
    const labels = new Map<string, string>();
    for (const [i, c] of cases.entries()) {
      const res = await send(c).catch((error: unknown) => ({ status: 0, text: String(error), callId: null }));
      if (res.callId && !res.text.startsWith('{"error":{"code":"GENCHI_')) {
        gatewayCallIds.push(res.callId);
        labels.set(res.callId, `#${i} ${c.route} ${c.kind} → ${res.status}`);
      }
      const statusClass = res.status === 0 ? "no answer" : `${Math.floor(res.status / 100)}xx`;
      byClass[statusClass] = (byClass[statusClass] ?? 0) + 1;
      if (res.status === 0 || res.status >= 500) {
        const body = typeof c.body === "string" ? c.body : c.body.toString("latin1");
        failures.push(
          `#${i} ${c.route} ${c.kind} → ${res.status} ${res.text.slice(0, 300)} | body ${JSON.stringify(body.slice(0, 300))}`,
        );
      }
    }
    expect(failures).toEqual([]);
    expect(byClass["2xx"]).toBeGreaterThan(0);
    expect(byClass["4xx"]).toBeGreaterThan(0);

    expect((await fetch(`${h.server.url}/api/health`)).status).toBe(200);

    const mustBeStored = cases.flatMap((c) => c.storedIds);
    expect(mustBeStored.length).toBeGreaterThan(20);
    const missing: string[] = [];
    for (const id of mustBeStored) {
      const res = await get(`/api/v1/calls/${id}`);
      if (res.status !== 200) missing.push(`${id}: ${res.status}`);
    }
    expect(missing).toEqual([]);

    // The gateway writes its calls after answering: wait (generously) until its log queue has
    // settled every call it took, then each answered exchange is stored or counted as rejected
    // by validation (a model name over 512 characters, say); none dropped or lost.
    expect(gatewayCallIds.length).toBeGreaterThan(50);
    let log = (await (await get("/api/v1/gateway/stats")).json()).log as Record<string, number>;
    const settled = (l: Record<string, number>) =>
      l["queued"] === 0 &&
      l["enqueued"] ===
        (l["written"] ?? 0) + (l["rejected"] ?? 0) + (l["dropped"] ?? 0) + (l["poisoned"] ?? 0);
    for (const deadline = Date.now() + 60_000; !settled(log) && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 100));
      log = (await (await get("/api/v1/gateway/stats")).json()).log;
    }
    expect(settled(log), JSON.stringify(log)).toBe(true);
    expect(log["dropped"]).toBe(0);
    expect(log["poisoned"] ?? 0).toBe(0);
    const unlogged: string[] = [];
    for (const id of gatewayCallIds) if ((await get(`/api/v1/calls/${id}`)).status !== 200) unlogged.push(id);
    expect(unlogged.length, unlogged.map((id) => `${id} ${labels.get(id)}`).join("\n")).toBe(log["rejected"]);
  }, 120_000);
});
