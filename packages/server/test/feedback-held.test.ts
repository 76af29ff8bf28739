/**
 * One rule for feedback that names a call genchi has not stored yet, on SQLite and PostgreSQL:
 * `POST /api/v1/feedback` holds it (202, pending) as ingest does, it joins the call when the call
 * arrives, and the browser snippet gives each event an id so a retried post is stored once.
 */
import { genchiFeedback } from "@genchi/sdk";
import type { CallDetail } from "@genchi/spec";
import { storeBackends } from "@genchi/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../src/app/start-server.js";

const key = "gk_test_feedback_held_0123456789";

describe.each(storeBackends)("held feedback on %s", (_name, makeTarget) => {
  let server: RunningServer;
  let cleanup: () => Promise<void>;

  const request = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    });
  const detail = async (id: string) => (await (await request(`/api/v1/calls/${id}`)).json()) as CallDetail;

  beforeAll(async () => {
    const target = await makeTarget();
    cleanup = target.cleanup;
    server = await startServer({ db: target.url, port: 0, initProjectKey: key, quiet: true });
  });

  afterAll(async () => {
    await server.close();
    await cleanup();
  });

  it("holds feedback posted before its call and joins it when the call arrives", async () => {
    const early = await request("/api/v1/feedback", {
      method: "POST",
      body: JSON.stringify({ id: "fb-early", callId: "late-call", kind: "thumbs_down" }),
    });
    expect(early.status).toBe(202);
    expect(await early.json()).toMatchObject({ id: "fb-early", pending: true, label: "negative" });
    // A retry of the same post is a duplicate, not a second item.
    const again = await request("/api/v1/feedback", {
      method: "POST",
      body: JSON.stringify({ id: "fb-early", callId: "late-call", kind: "thumbs_down" }),
    });
    expect(again.status).toBe(200);

    const ingest = await request("/api/v1/ingest", {
      method: "POST",
      body: JSON.stringify({ calls: [{ id: "late-call", input: "late", route: "held" }] }),
    });
    expect(ingest.status).toBe(207);
    expect((await detail("late-call")).feedback.map((f) => f.id)).toEqual(["fb-early"]);
    const later = await request("/api/v1/feedback", {
      method: "POST",
      body: JSON.stringify({ callId: "late-call", kind: "thumbs_up" }),
    });
    expect(later.status).toBe(201);
  });

  it("treats feedback for a missing call alike through ingest and the feedback route", async () => {
    const viaIngest = await request("/api/v1/ingest", {
      method: "POST",
      body: JSON.stringify({ feedback: [{ id: "fb-ingest-held", callId: "missing-1", kind: "thumbs_up" }] }),
    });
    expect(((await viaIngest.json()) as { stored: number }).stored).toBe(1);
    const viaRoute = await request("/api/v1/feedback", {
      method: "POST",
      body: JSON.stringify({ id: "fb-route-held", callId: "missing-2", kind: "thumbs_up" }),
    });
    expect(viaRoute.status).toBe(202);
    await request("/api/v1/ingest", {
      method: "POST",
      body: JSON.stringify({
        calls: [
          { id: "missing-1", input: "a" },
          { id: "missing-2", input: "b" },
        ],
      }),
    });
    expect((await detail("missing-1")).feedback.map((f) => f.id)).toEqual(["fb-ingest-held"]);
    expect((await detail("missing-2")).feedback.map((f) => f.id)).toEqual(["fb-route-held"]);
  });

  it("stores a snippet event once when its answer is lost and the post is retried", async () => {
    await request("/api/v1/ingest", {
      method: "POST",
      body: JSON.stringify({ calls: [{ id: "snippet-call", input: "x" }] }),
    });
    let posts = 0;
    // The first answer is lost after the server stored the event (a dropped connection, say).
    const lossyFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      posts++;
      if (posts === 1) {
        await response.arrayBuffer();
        throw new TypeError("network error: the answer was lost");
      }
      return response;
    };
    const feedback = genchiFeedback({ url: server.url, key, retryBaseMs: 1, fetch: lossyFetch });
    const result = await feedback.send({ callId: "snippet-call", kind: "thumbs_up" });
    expect(posts).toBe(2);
    expect(result.status).toBe(200); // the retry found the event already stored
    expect((await detail("snippet-call")).feedback).toHaveLength(1);
  });
});
