/** The ModelStore contract, run unchanged on SQLite and PostgreSQL. */
import type { Call } from "@genchi/spec";
import { type StoreTarget, storeBackends } from "@genchi/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../../app/open-store.js";
import { seqFloor } from "../../../platform/store/call-seq.js";
import type { Store } from "../../../platform/store/store.js";

const base = Date.parse("2026-11-03T08:00:00.000Z");
const call = (id: string, hour: number, over: Partial<Call>): Call => ({
  id,
  timestamp: new Date(base + hour * 3_600_000).toISOString(),
  route: "support-reply",
  source: "gateway",
  provider: "anthropic",
  requestedModel: "claude-3-5-sonnet-latest",
  model: "claude-3-5-sonnet-20240620",
  input: "x",
  output: null,
  status: "ok",
  error: null,
  latencyMs: 100,
  ttftMs: null,
  usage: { inputTokens: 1, outputTokens: 1 },
  costUsd: 0,
  userId: null,
  sessionId: null,
  promptVersion: null,
  tags: [],
  metadata: {},
  shadowOf: null,
  finishReason: null,
  traceId: null,
  spanId: null,
  ...over,
});

describe.each(storeBackends)("ModelStore on %s", (_name, makeTarget) => {
  let target: StoreTarget | undefined;
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    await target?.cleanup();
  });
  const open = async () => {
    target = await makeTarget();
    store = await openStore(target.url);
    return store;
  };

  it("keeps a policy and pins per project, upserts and deletes them", async () => {
    const s = await open();
    const a = await s.ensureProject("a");
    const b = await s.ensureProject("b");
    expect(await s.models.getPolicy(a.id)).toBeNull();
    await s.models.setPolicy(a.id, "resolve");
    await s.models.setPolicy(a.id, "reject");
    expect(await s.models.getPolicy(a.id)).toBe("reject");
    expect(await s.models.getPolicy(b.id)).toBeNull();
    await s.models.putPin(a.id, { route: null, alias: "gpt-4o", pinned: "gpt-4o-2024-05-13" });
    await s.models.putPin(a.id, { route: null, alias: "gpt-4o", pinned: "gpt-4o-2024-08-06" });
    await s.models.putPin(a.id, { route: "categorize", alias: null, pinned: "gpt-4o-mini-2024-07-18" });
    expect(await s.models.listPins(a.id)).toEqual([
      { route: "categorize", alias: null, pinned: "gpt-4o-mini-2024-07-18" },
      { route: null, alias: "gpt-4o", pinned: "gpt-4o-2024-08-06" },
    ]);
    expect(await s.models.listPins(b.id)).toEqual([]);
    expect(await s.models.deletePin(b.id, { alias: "gpt-4o" })).toBe(false);
    expect(await s.models.deletePin(a.id, { alias: "gpt-4o" })).toBe(true);
    expect((await s.models.listPins(a.id)).length).toBe(1);
    await s.models.setPolicy(a.id, null);
    expect(await s.models.getPolicy(a.id)).toBeNull();
  });

  it("keeps shadow routes per project, replaces and deletes them", async () => {
    const s = await open();
    const a = await s.ensureProject("a");
    const b = await s.ensureProject("b");
    expect(await s.models.listShadowRoutes(a.id)).toEqual([]);
    const route = {
      route: "categorize",
      candidate: "gpt-4.1-nano",
      systemPrompt: null,
      sampleRate: 0.25,
      suite: "evals/categorize.yaml",
    };
    await s.models.putShadowRoute(a.id, route);
    await s.models.putShadowRoute(a.id, { ...route, candidate: "gpt-4.1-mini", systemPrompt: "Be brief." });
    await s.models.putShadowRoute(a.id, { ...route, route: "answer", suite: null, sampleRate: 1 });
    expect(await s.models.listShadowRoutes(a.id)).toEqual([
      { route: "answer", candidate: "gpt-4.1-nano", systemPrompt: null, sampleRate: 1, suite: null },
      { ...route, candidate: "gpt-4.1-mini", systemPrompt: "Be brief." },
    ]);
    expect(await s.models.listShadowRoutes(b.id)).toEqual([]);
    expect(await s.models.deleteShadowRoute(b.id, "answer")).toBe(false);
    expect(await s.models.deleteShadowRoute(a.id, "answer")).toBe(true);
    expect((await s.models.listShadowRoutes(a.id)).map((r) => r.route)).toEqual(["categorize"]);
  });

  it("groups calls by requested and served model and route within a seq window, per project", async () => {
    const s = await open();
    const a = await s.ensureProject("a");
    const b = await s.ensureProject("b");
    await s.insertCalls(a.id, [
      call("s1", 0, {}),
      call("s2", 1, {}),
      call("s3", 5, { model: "claude-3-5-sonnet-20241022" }),
      call("s4", 6, { model: "claude-3-5-sonnet-20241022", route: "categorize" }),
      call("late", 30, { model: "claude-3-5-sonnet-20241022" }),
      call("none", 2, { requestedModel: null, model: null }),
    ]);
    await s.insertCalls(b.id, [call("other", 1, {})]);
    const rows = await s.models.modelUsage(a.id, seqFloor(base), seqFloor(base + 24 * 3_600_000));
    const key = (r: { servedModel: string; route: string | null }) => `${r.servedModel} ${r.route}`;
    expect(rows.map(key).sort()).toEqual([
      "claude-3-5-sonnet-20240620 support-reply",
      "claude-3-5-sonnet-20241022 categorize",
      "claude-3-5-sonnet-20241022 support-reply",
    ]);
    const old = rows.find((r) => r.servedModel === "claude-3-5-sonnet-20240620")!;
    expect(old).toMatchObject({
      provider: "anthropic",
      requestedModel: "claude-3-5-sonnet-latest",
      calls: 2,
    });
    expect(old.firstMs).toBe(base);
    expect(old.lastMs).toBe(base + 3_600_000);
    expect(
      await s.models.modelUsage(b.id, seqFloor(base + 2 * 3_600_000), seqFloor(base + 24 * 3_600_000)),
    ).toEqual([]);
  });
});
