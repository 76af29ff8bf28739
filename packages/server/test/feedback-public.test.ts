/**
 * Feedback from web pages over real HTTP (SQLite): a public key may post feedback for its
 * project and nothing else (reads → 403), feedback for a call not stored yet → 202 held, a flood from one
 * page → 429 with retry-after while everything else keeps working, CORS for other origins,
 * the snippet served at /sdk/feedback.js, and the snippet's suggestion life cycle
 * (accept, accept after an edit with its edit distance, ignore on timeout, regenerate).
 */
import { genchiFeedback } from "@genchi/sdk";
import type { CallDetail } from "@genchi/spec";
import { createTempSqlitePath } from "@genchi/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../src/app/start-server.js";
import { publicFeedbackPerMinute } from "../src/features/feedback/feedback-routes.js";
import { displayPrefix, generateKey, hashKey } from "../src/platform/keys/project-keys.js";

const key = "gk_test_feedback_public_0123456789";

describe("feedback from web pages", () => {
  let server: RunningServer;
  let tmp: ReturnType<typeof createTempSqlitePath>;
  let publicKey: string;
  let floodKey: string;

  const request = (path: string, k: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${k}`, "content-type": "application/json", ...init.headers },
    });
  const postFeedback = (k: string, body: unknown) =>
    request("/api/v1/feedback", k, { method: "POST", body: JSON.stringify(body) });
  const detail = async (id: string) =>
    (await (await request(`/api/v1/calls/${id}`, key)).json()) as CallDetail;

  async function makePublicKey(): Promise<string> {
    const project = await server.store.ensureProject("default");
    const k = generateKey("public");
    await server.store.createKey({
      projectId: project.id,
      kind: "public",
      hash: hashKey(k),
      prefix: displayPrefix(k),
      name: null,
    });
    return k;
  }

  beforeAll(async () => {
    tmp = createTempSqlitePath();
    server = await startServer({
      db: tmp.path,
      port: 0,
      host: "127.0.0.1",
      initProjectKey: key,
      quiet: true,
    });
    publicKey = await makePublicKey();
    floodKey = await makePublicKey();
    const calls = ["fb-1", "fb-2", "fb-3", "fb-4", "fb-5", "fb-flood"].map((id) => ({
      id,
      route: "categorize",
      input: `categorize ${id}`,
      output: '{"category":"Footwear"}',
    }));
    const res = await request("/api/v1/ingest", key, { method: "POST", body: JSON.stringify({ calls }) });
    expect(res.status).toBe(207);
  });

  afterAll(async () => {
    await server?.close();
    tmp?.remove();
  });

  it("lets a public key post feedback and nothing else", async () => {
    const posted = await postFeedback(publicKey, { callId: "fb-1", kind: "thumbs_up" });
    expect(posted.status).toBe(201);
    expect(await posted.json()).toMatchObject({ callId: "fb-1", label: "positive" });
    for (const path of [
      "/api/v1/calls",
      "/api/v1/calls/fb-1",
      "/api/v1/stats/adherence",
      "/api/v1/feedback/summary",
    ]) {
      const read = await request(path, publicKey);
      expect(read.status, path).toBe(403);
      expect(((await read.json()) as { error: { code: string } }).error.code).toBe("GENCHI_FORBIDDEN");
    }
    const ingest = await request("/api/v1/ingest", publicKey, {
      method: "POST",
      body: JSON.stringify({ calls: [{ input: "x" }] }),
    });
    expect(ingest.status).toBe(403);
  });

  it("holds feedback for a call the project does not have yet (202, pending), for either kind of key", async () => {
    const res = await postFeedback(publicKey, { callId: "no-such-call", kind: "accept" });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { pending: boolean; warnings: string[] };
    expect(body.pending).toBe(true);
    expect(body.warnings[0]).toMatch(/held.*24 hours/);
    const secret = await postFeedback(key, { callId: "no-such-call-2", kind: "accept" });
    expect(secret.status).toBe(202);
  });

  it("answers CORS preflight and serves the snippet", async () => {
    const preflight = await fetch(`${server.url}/api/v1/feedback`, {
      method: "OPTIONS",
      headers: { origin: "http://example.test", "access-control-request-method": "POST" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("authorization");
    const snippet = await fetch(`${server.url}/sdk/feedback.js`);
    expect(snippet.status).toBe(200);
    expect(snippet.headers.get("content-type")).toContain("javascript");
    expect(snippet.headers.get("access-control-allow-origin")).toBe("*");
    const text = await snippet.text();
    expect(text).toContain("export function genchiFeedback");
    expect(text).not.toMatch(/^import /m);
  });

  it("follows a suggestion's life: accept, edit (with edit distance), ignore on timeout, regenerate", async () => {
    const feedback = genchiFeedback({ url: server.url, key: publicKey, userId: "shopper-1" });
    const accepted = feedback.suggestion("fb-2", { text: "Footwear" });
    accepted.shown();
    expect((await accepted.accept("Footwear"))?.status).toBe(201);
    expect(accepted.state).toBe("accepted");
    // A second outcome is ignored: one suggestion, one signal.
    await accepted.regenerate();

    const edited = feedback.suggestion("fb-3", { text: "Footwear" });
    edited.shown();
    await edited.accept("Outdoor Footwear");
    expect(edited.state).toBe("edited");

    const ignored = feedback.suggestion("fb-4", { text: "Footwear", ignoreAfterMs: 50 });
    ignored.shown();
    expect((await ignored.settled)?.status).toBe(201);
    expect(ignored.state).toBe("ignored");

    const regenerated = feedback.suggestion("fb-5", { text: "Footwear" });
    regenerated.shown();
    await regenerated.regenerate();

    const kinds = async (id: string) => (await detail(id)).feedback.map((f) => [f.kind, f.label]);
    expect(await kinds("fb-2")).toEqual([["accept", "strong_positive"]]);
    expect(await kinds("fb-3")).toEqual([["accept_edit", "positive"]]);
    expect(await kinds("fb-4")).toEqual([["ignore", "negative"]]);
    expect(await kinds("fb-5")).toEqual([["regenerate", "strong_negative"]]);
    const edit = (await detail("fb-3")).feedback[0]!;
    expect(edit.editedOutput).toBe("Outdoor Footwear");
    expect(edit.userId).toBe("shopper-1");
    // "Outdoor " (8 characters) added to "Footwear": 8 edits over 16 characters.
    expect(edit.metadata).toMatchObject({ suggestion: "Footwear", editChars: 8, editDistance: 0.5 });
    expect((await detail("fb-4")).feedback[0]!.metadata).toMatchObject({ reason: "timeout" });
  });

  it("rate-limits a flood from one page with 429 and retry-after, and nothing else", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < publicFeedbackPerMinute + 5; i++) {
      statuses.push((await postFeedback(floodKey, { callId: "fb-flood", kind: "copy" })).status);
    }
    expect(statuses.slice(0, publicFeedbackPerMinute).every((s) => s === 201 || s === 200)).toBe(true);
    expect(statuses.slice(publicFeedbackPerMinute)).toEqual([429, 429, 429, 429, 429]);
    const limited = await postFeedback(floodKey, { callId: "fb-flood", kind: "copy" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("access-control-allow-origin")).toBe("*");
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe("GENCHI_RATE_LIMITED");
    // Another page's key, the secret key and the rest of the server are unaffected.
    expect((await postFeedback(publicKey, { callId: "fb-flood", kind: "copy" })).status).toBe(201);
    for (let i = 0; i < publicFeedbackPerMinute + 5; i++) {
      expect((await postFeedback(key, { callId: "fb-flood", kind: "thumbs_up" })).status).toBeLessThan(300);
    }
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect((await request("/api/v1/calls?limit=1", key)).status).toBe(200);
  });
});
