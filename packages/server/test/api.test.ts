/**
 * The REST API over real HTTP on loopback, against SQLite and PostgreSQL: ingest (207,
 * partial acceptance, idempotency), listing and search, feedback, auth and project
 * isolation, and bad input.
 */
import type { CallDetail, CallsPage, IngestResponse } from "@genchi/spec";
import { storeBackends } from "@genchi/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../src/app/start-server.js";
import { displayPrefix, generateKey, hashKey } from "../src/platform/keys/project-keys.js";

const keyA = "gk_test_project_a_key_0123456789";

describe.each(storeBackends)("REST API on %s", (_name, makeTarget) => {
  let server: RunningServer;
  let cleanup: () => Promise<void>;
  let keyB: string;

  const api = (path: string, init: RequestInit & { key?: string | null } = {}) => {
    const headers = new Headers(init.headers);
    const key = init.key === undefined ? keyA : init.key;
    if (key) headers.set("authorization", `Bearer ${key}`);
    if (init.body && !headers.has("content-type")) headers.set("content-type", "application/json");
    return fetch(`${server.url}${path}`, { ...init, headers });
  };
  const ingest = async (body: unknown, key?: string) => {
    const res = await api("/api/v1/ingest", {
      method: "POST",
      body: JSON.stringify(body),
      ...(key ? { key } : {}),
    });
    return { status: res.status, body: (await res.json()) as IngestResponse };
  };

  beforeAll(async () => {
    const target = await makeTarget();
    cleanup = target.cleanup;
    server = await startServer({
      db: target.url,
      port: 0,
      initProjectKey: keyA,
      quiet: true,
      maxBodyBytes: 1024 * 1024,
    });
    const projectB = await server.store.ensureProject("project-b");
    keyB = generateKey("secret");
    await server.store.createKey({
      projectId: projectB.id,
      kind: "secret",
      hash: hashKey(keyB),
      prefix: displayPrefix(keyB),
      name: null,
    });
  });

  afterAll(async () => {
    await server.close();
    await cleanup();
  });

  it("answers health without a key, bound to loopback", async () => {
    const res = await api("/api/health", { key: null });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("ingests calls, fills defaults, prices known models and estimates missing usage", async () => {
    const { status, body } = await ingest({
      calls: [
        {
          id: "api-1",
          route: "categorize",
          model: "gpt-4o-mini-2024-07-18",
          input: [{ role: "user", content: "Categorize: blue denim jacket" }],
          output: { role: "assistant", content: '{"category":"apparel"}' },
          usage: { inputTokens: 1000, outputTokens: 200 },
          latencyMs: 350,
        },
        {
          id: "api-2",
          model: "my-private-model",
          input: "hello there",
          output: "hi",
          usage: { inputTokens: 3, outputTokens: 1 },
        },
        { id: "api-3", model: "gpt-4o", input: "count my tokens please", output: "four words back here" },
      ],
    });
    expect(status).toBe(207);
    expect(body).toMatchObject({ stored: 3, rejected: 0, duplicates: 0 });
    const one = (await (await api("/api/v1/calls/api-1")).json()) as CallDetail;
    expect(one).toMatchObject({
      source: "sdk",
      status: "ok",
      model: "gpt-4o-mini-2024-07-18",
      latencyMs: 350,
    });
    expect(one.costUsd).toBeCloseTo((1000 * 0.15 + 200 * 0.6) / 1e6, 10);
    const two = (await (await api("/api/v1/calls/api-2")).json()) as CallDetail;
    expect(two.costUsd).toBeNull();
    const three = (await (await api("/api/v1/calls/api-3")).json()) as CallDetail;
    expect(three.usage).toEqual({ inputTokens: 4, outputTokens: 4, estimated: true });
    expect(three.costUsd).toBeGreaterThan(0);
  });

  it("stores 99 of a batch of 100 and names the bad field of the one it rejects", async () => {
    const calls = Array.from({ length: 100 }, (_, i) => ({
      id: `batch-${i}`,
      input: `question ${i}`,
      output: "answer",
    }));
    calls[42] = {
      id: "batch-42",
      input: `question 42`,
      output: "answer",
      usage: { inputTokens: "many" },
    } as never;
    const { status, body } = await ingest({ calls });
    expect(status).toBe(207);
    expect(body.stored).toBe(99);
    expect(body.rejected).toBe(1);
    const bad = body.results.find((r) => r.status === "rejected")!;
    expect(bad).toMatchObject({
      type: "call",
      index: 42,
      error: { code: "GENCHI_VALIDATION", field: "usage.inputTokens" },
    });
    expect(bad.error!.message).toContain("usage.inputTokens");
    const res = await api("/api/v1/calls/batch-42");
    expect(res.status).toBe(404);
    expect((await api("/api/v1/calls/batch-43")).status).toBe(200);
  });

  it("is idempotent on id: a retried batch stores nothing twice", async () => {
    const batch = {
      calls: [
        { id: "retry-1", input: "again" },
        { id: "retry-2", input: "again" },
      ],
    };
    expect((await ingest(batch)).body.stored).toBe(2);
    const second = await ingest(batch);
    expect(second.body).toMatchObject({ stored: 0, duplicates: 2 });
    const page = (await (await api("/api/v1/calls?q=again&limit=10")).json()) as CallsPage;
    expect(page.data.map((c) => c.id).sort()).toEqual(["retry-1", "retry-2"]);
  });

  it("keeps a call with an unknown field and says it ignored the field", async () => {
    const { body } = await ingest({ calls: [{ id: "unknown-1", input: "x", colour: "blue" }] });
    expect(body.results[0]).toMatchObject({ status: "stored", warnings: ["unknown field 'colour' ignored"] });
  });

  it("lists with filters, search and a cursor", async () => {
    const first = (await (await api("/api/v1/calls?limit=2")).json()) as CallsPage;
    expect(first.data).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const next = (await (await api(`/api/v1/calls?limit=2&cursor=${first.nextCursor}`)).json()) as CallsPage;
    expect(next.data[0]!.id).not.toBe(first.data[0]!.id);
    const routed = (await (await api("/api/v1/calls?route=categorize")).json()) as CallsPage;
    expect(routed.data.map((c) => c.id)).toEqual(["api-1"]);
    const found = (await (await api("/api/v1/calls?q=denim")).json()) as CallsPage;
    expect(found.data.map((c) => c.id)).toEqual(["api-1"]);
    const bad = await api("/api/v1/calls?limit=abc");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("GENCHI_VALIDATION");
  });

  it("records feedback with its derived label and shows it on the call", async () => {
    const res = await api("/api/v1/feedback", {
      method: "POST",
      body: JSON.stringify({ callId: "api-1", kind: "regenerate" }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ callId: "api-1", kind: "regenerate", label: "strong_negative" });
    const { body } = await ingest({
      feedback: [{ callId: "api-1", kind: "accept_edit", editedOutput: '{"category":"outerwear"}' }],
    });
    expect(body.stored).toBe(1);
    const detail = (await (await api("/api/v1/calls/api-1")).json()) as CallDetail;
    expect(detail.feedback.map((f) => [f.kind, f.label])).toEqual([
      ["regenerate", "strong_negative"],
      ["accept_edit", "positive"],
    ]);
    const wrong = await api("/api/v1/feedback", {
      method: "POST",
      body: JSON.stringify({ callId: "api-1", kind: "love" }),
    });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toContain("kind");
  });

  it("rejects malformed JSON with a 400 and a message", async () => {
    const res = await api("/api/v1/ingest", { method: "POST", body: '{"calls":[{"input":"x"' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("GENCHI_BAD_JSON");
    expect(body.error.message.length).toBeGreaterThan(10);
    const notObject = await api("/api/v1/ingest", { method: "POST", body: "[1,2]" });
    expect(notObject.status).toBe(400);
  });

  it("rejects an oversized body with 413 and keeps serving", async () => {
    const huge = JSON.stringify({ calls: [{ input: "x".repeat(2 * 1024 * 1024) }] });
    const res = await api("/api/v1/ingest", { method: "POST", body: huge });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("GENCHI_PAYLOAD_TOO_LARGE");
    expect((await api("/api/health", { key: null })).status).toBe(200);
  });

  it("answers 401 for a missing or wrong key", async () => {
    for (const key of [null, "gk_wrong"]) {
      const res = await api("/api/v1/calls", { key });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("GENCHI_UNAUTHORIZED");
    }
  });

  it("never shows one project's calls to another project's key", async () => {
    await ingest({ calls: [{ id: "b-only", input: "secret plans of project b" }] }, keyB);
    const asB = (await (await api("/api/v1/calls?limit=100", { key: keyB })).json()) as CallsPage;
    expect(asB.data.map((c) => c.id)).toEqual(["b-only"]);
    expect((await api("/api/v1/calls/api-1", { key: keyB })).status).toBe(404);
    expect((await api("/api/v1/calls/b-only")).status).toBe(404);
    const search = (await (await api("/api/v1/calls?q=secret%20plans")).json()) as CallsPage;
    expect(search.data).toHaveLength(0);
  });
});
