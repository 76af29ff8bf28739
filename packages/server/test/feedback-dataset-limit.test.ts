/**
 * `POST /api/v1/datasets/:id/items/from-feedback` with `limit`, on SQLite and PostgreSQL: when
 * more feedback qualifies, exactly `limit` items are added, the newest calls' first, of every
 * kind (corrections included); a larger limit adds the rest.
 */

import { type StoreTarget, storeBackends } from "@genchi/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../src/app/start-server.js";

const key = "gk_test_feedback_limit_0123456789";
// accept → positive example, accept_edit and correction → corrections, regenerate → negative;
// thumbs_up makes no item.
const kinds = ["accept", "accept_edit", "regenerate", "correction", "thumbs_up"] as const;
const calls = Array.from({ length: 35 }, (_, i) => ({
  id: `limit-${String(i).padStart(2, "0")}`,
  timestamp: new Date(Date.UTC(2026, 10, 1, 12, i)).toISOString(),
  route: "categorize",
  input: `ticket ${i}`,
  output: `answer ${i}`,
}));
const feedback = calls.map((c, i) => {
  const kind = kinds[i % kinds.length]!;
  return {
    callId: c.id,
    kind,
    ...(kind === "accept_edit" || kind === "correction" ? { editedOutput: `fixed ${i}` } : {}),
  };
});
const qualifying = calls.filter((_, i) => kinds[i % kinds.length] !== "thumbs_up");
const newest = (n: number) => qualifying.slice(-n).map((c) => c.id);

describe.each(storeBackends)("feedback → dataset with a limit: %s", (_name, makeTarget) => {
  let target: StoreTarget;
  let server: RunningServer;
  beforeAll(async () => {
    target = await makeTarget();
    server = await startServer({ db: target.url, port: 0, initProjectKey: key, quiet: true });
  });
  afterAll(async () => {
    await server?.close();
    await target?.cleanup();
  });
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it("adds exactly limit items, the newest first, when more qualify", async () => {
    expect((await api("POST", "/api/v1/ingest", { calls, feedback })).status).toBe(207);
    const dataset = await api("POST", "/api/v1/datasets", { name: "limited", route: "categorize" });
    const id = (dataset.body as { id: string }).id;
    const from = (limit: number) => api("POST", `/api/v1/datasets/${id}/items/from-feedback`, { limit });

    const first = await from(12);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ stored: 12, duplicates: 0 });
    const items = await api("GET", `/api/v1/datasets/${id}/items?limit=100`);
    const data = items.body.data as { sourceCallId: string; metadata: { feedbackKind: string } }[];
    expect(data.map((i) => i.sourceCallId).sort()).toEqual(newest(12));
    expect(new Set(data.map((i) => i.metadata.feedbackKind))).toEqual(
      new Set(["accept", "accept_edit", "regenerate", "correction"]),
    );

    expect((await from(12)).body).toMatchObject({ stored: 0, duplicates: 12 });
    expect((await from(1_000)).body).toMatchObject({ stored: qualifying.length - 12, duplicates: 12 });
  });
});
