/**
 * Values at the edges of what ingest and the gateway accept, on SQLite and PostgreSQL: timestamps
 * outside 1970–2200 (past ~2248 they wedged the SQLite writer; before 1970 they broke paging),
 * cursors genchi did not give out, and NUL characters (PostgreSQL cannot store them in text).
 */
import type { Call, CallDetail, CallsPage, IngestResponse } from "@genchi/spec";
import { storeBackends } from "@genchi/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../src/app/start-server.js";
import { type GatewayHarness, startGatewayHarness } from "./gateway-harness.js";

const key = "gk_test_extremes_key_0123456789";

describe.each(storeBackends)("ingest at the edges on %s", (_name, makeTarget) => {
  let server: RunningServer;
  let cleanup: () => Promise<void>;

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    });
  const ingest = async (body: unknown) => {
    const res = await api("/api/v1/ingest", { method: "POST", body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as IngestResponse };
  };
  const page = async (query: string) => {
    const res = await api(`/api/v1/calls?${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as CallsPage;
  };

  beforeAll(async () => {
    const target = await makeTarget();
    cleanup = target.cleanup;
    server = await startServer({ db: target.url, port: 0, initProjectKey: key, quiet: true });
  });

  afterAll(async () => {
    await server.close();
    await cleanup();
  });

  it("rejects timestamps past 2200 per item, and the writer goes on storing", async () => {
    const far = "9999-12-31T23:59:59.999Z";
    const first = await ingest({
      calls: [
        { id: "far-1", input: "a", timestamp: far },
        { id: "far-2", input: "b", timestamp: far },
        { id: "near-1", input: "c", timestamp: "2199-12-31T23:59:59.999Z" },
      ],
    });
    expect(first.status).toBe(207);
    expect(first.body.results.map((r) => r.status)).toEqual(["rejected", "rejected", "stored"]);
    const error = first.body.results[0]?.error;
    expect(error?.field).toBe("timestamp");
    expect(error?.message).toMatch(/1970-01-01.*2200-01-01/);
    // Before the fix the second far call made `seq + 1 == seq` and the SQLite writer spun forever.
    const second = await ingest({ calls: [{ id: "after-far", input: "d" }] });
    expect(second.body.stored).toBe(1);
    expect((await page("limit=200")).data.some((c) => c.id === "after-far")).toBe(true);
  });

  it("rejects timestamps before 1970 and pages the earliest calls exactly once", async () => {
    const early = await ingest({
      calls: [{ id: "before-1970", input: "x", timestamp: "1969-12-31T23:59:59.000Z" }],
    });
    expect(early.body.results[0]?.status).toBe("rejected");
    expect(early.body.results[0]?.error?.field).toBe("timestamp");

    const calls = Array.from({ length: 25 }, (_, i) => ({
      id: `epoch-${i}`,
      input: `epoch call ${i}`,
      route: "epoch",
      timestamp: new Date(i * 3).toISOString(),
    }));
    expect((await ingest({ calls })).body.stored).toBe(25);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const p: CallsPage = await page(`route=epoch&limit=10${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...p.data.map((c) => c.id));
      cursor = p.nextCursor;
      if (!cursor) break;
    }
    expect(cursor).toBeNull();
    expect(seen).toEqual(calls.map((c) => c.id).reverse());
  });

  it("answers 400 for a cursor genchi did not give out", async () => {
    for (const bad of [
      "not-a-cursor",
      Buffer.from("-5").toString("base64url"),
      Buffer.from("1e30").toString("base64url"),
    ]) {
      const res = await api(`/api/v1/calls?cursor=${bad}`);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("GENCHI_VALIDATION");
      expect(body.error.message).toMatch(/cursor/);
    }
  });

  it("stores items with NUL characters (removed, with a warning) beside the valid ones", async () => {
    const result = await ingest({
      calls: [
        { id: "nul-ok-1", input: "plain" },
        { id: "nul-route", input: "route has a NUL", route: "check\u0000out" },
        {
          id: "nul-model",
          input: [{ role: "user", content: "hi\u0000there" }],
          model: "gpt\u0000-4o",
          metadata: { "k\u0000": "v\u0000" },
        },
        { id: "nul-ok-2", input: "plain too" },
      ],
      feedback: [{ id: "nul-feedback", callId: "nul-ok-1", kind: "comment", comment: "nice\u0000" }],
    });
    expect(result.status).toBe(207);
    expect(result.body.results.map((r) => r.status)).toEqual([
      "stored",
      "stored",
      "stored",
      "stored",
      "stored",
    ]);
    expect(result.body.results[1]?.warnings).toContain("NUL characters removed from route");
    expect(result.body.results[2]?.warnings).toContain("NUL characters removed from model, input, metadata");

    const routed = (await page("route=checkout")).data;
    expect(routed.map((c) => c.id)).toEqual(["nul-route"]);
    const res = await api("/api/v1/calls/nul-model");
    const detail = (await res.json()) as CallDetail;
    expect(detail.model).toBe("gpt-4o");
    expect(detail.input).toEqual([{ role: "user", content: "hithere" }]);
    expect(detail.metadata).toEqual({ k: "v" });
    const withFeedback = (await (await api("/api/v1/calls/nul-ok-1")).json()) as CallDetail;
    expect(withFeedback.feedback.map((f) => f.comment)).toEqual(["nice"]);
  });
});

describe.each(storeBackends)("gateway logging with a NUL in the model on %s", (_name, makeTarget) => {
  let harness: GatewayHarness;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const target = await makeTarget();
    cleanup = target.cleanup;
    harness = await startGatewayHarness({ db: target.url, gateway: { logLingerMs: 20 } });
  });

  afterAll(async () => {
    await harness.close();
    await cleanup();
  });

  it("logs the call and every call after it (one such call blocked all logging on PostgreSQL)", async () => {
    const send = (model: string, i: number) =>
      fetch(`${harness.server.url}/v1/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-genchi-key": harness.key, "x-genchi-route": "nul" },
        body: JSON.stringify({ model, messages: [{ role: "user", content: `call ${i}` }] }),
      }).then(async (res) => {
        await res.arrayBuffer();
        return res.status;
      });
    const statuses = [await send("gpt\u0000-4o-mini", 0)];
    for (let i = 1; i <= 40; i++) statuses.push(await send("gpt-4o-mini", i));
    expect(statuses.every((s) => s < 500)).toBe(true);
    const logged: Call[] = await harness.calls(41, "&route=nul");
    expect(logged).toHaveLength(41);
    expect(logged.some((c) => c.requestedModel === "gpt-4o-mini" && c.input !== null)).toBe(true);
    expect(logged.filter((c) => (c.requestedModel ?? "").includes("\u0000"))).toHaveLength(0);
  });
});
