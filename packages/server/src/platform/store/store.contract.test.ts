/**
 * The Store contract: the same tests, unchanged, against SQLite and PostgreSQL
 * (a fresh throwaway database on the local server).
 */
import type { Call, Feedback } from "@genchi/spec";
import { storeBackends } from "@genchi/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../app/open-store.js";
import type { Store } from "./store.js";

function makeCall(over: Partial<Call> & { id: string }): Call {
  return {
    timestamp: "2026-11-01T12:00:00.000Z",
    route: "categorize",
    source: "sdk",
    provider: "openai",
    requestedModel: "gpt-4o-mini",
    model: "gpt-4o-mini-2024-07-18",
    input: [{ role: "user", content: "Suggest a category for: red running shoes" }],
    output: { role: "assistant", content: '{"category":"footwear"}' },
    status: "ok",
    error: null,
    latencyMs: 420,
    ttftMs: null,
    usage: { inputTokens: 20, outputTokens: 8 },
    costUsd: 0.0000078,
    userId: "u1",
    sessionId: "s1",
    promptVersion: "v1",
    tags: ["a", "b"],
    metadata: { env: "prod" },
    shadowOf: null,
    finishReason: "stop",
    traceId: null,
    spanId: null,
    ...over,
  };
}

function makeFeedback(over: Partial<Feedback> & { id: string; callId: string }): Feedback {
  return {
    kind: "thumbs_up",
    value: null,
    editedOutput: null,
    comment: null,
    userId: null,
    timestamp: "2026-11-01T12:01:00.000Z",
    label: "positive",
    metadata: {},
    ...over,
  };
}

describe.each(storeBackends)("Store contract: %s", (_name, makeTarget) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let projectA: string;
  let projectB: string;

  beforeAll(async () => {
    const target = await makeTarget();
    cleanup = target.cleanup;
    store = await openStore(target.url);
    await store.migrate();
    await store.migrate(); // idempotent
    projectA = (await store.ensureProject("alpha")).id;
    projectB = (await store.ensureProject("beta")).id;
  });

  afterAll(async () => {
    await store.close();
    await cleanup();
  });

  it("ensures projects once and finds them by name", async () => {
    const again = await store.ensureProject("alpha");
    expect(again.id).toBe(projectA);
    expect((await store.getProjectByName("beta"))?.id).toBe(projectB);
    expect(await store.getProjectByName("nope")).toBeNull();
    expect((await store.listProjects()).map((p) => p.name)).toEqual(["alpha", "beta"]);
  });

  it("stores keys by hash and finds them with their project", async () => {
    const meta = await store.createKey({
      projectId: projectA,
      kind: "secret",
      hash: "h1",
      prefix: "gk_abcd",
      name: "ci",
    });
    expect(meta).toMatchObject({ projectId: projectA, kind: "secret", prefix: "gk_abcd", name: "ci" });
    const found = await store.findKeyByHash("h1");
    expect(found).toMatchObject({ projectId: projectA, projectName: "alpha", kind: "secret" });
    expect(await store.findKeyByHash("nope")).toBeNull();
    expect((await store.listKeys(projectA)).map((k) => k.prefix)).toEqual(["gk_abcd"]);
    await expect(
      store.createKey({ projectId: projectB, kind: "secret", hash: "h1", prefix: "gk_x", name: null }),
    ).rejects.toThrow();
  });

  it("revokes a key of its project: it is found and listed no more", async () => {
    const keep = await store.createKey({
      projectId: projectB,
      kind: "secret",
      hash: "h-keep",
      prefix: "gk_keep",
      name: null,
    });
    const gone = await store.createKey({
      projectId: projectB,
      kind: "public",
      hash: "h-gone",
      prefix: "gpk_gone",
      name: null,
    });
    expect(await store.revokeKey(projectA, gone.id)).toBe(false); // another project's key
    expect(await store.findKeyByHash("h-gone")).not.toBeNull();
    expect(await store.revokeKey(projectB, gone.id)).toBe(true);
    expect(await store.findKeyByHash("h-gone")).toBeNull();
    expect((await store.listKeys(projectB)).map((k) => k.id)).toEqual([keep.id]);
    expect(await store.revokeKey(projectB, gone.id)).toBe(false); // already revoked
    expect(await store.findKeyByHash("h-keep")).toMatchObject({ id: keep.id, projectName: "beta" });
  });

  it("round-trips a call exactly and is idempotent on id", async () => {
    const call = makeCall({ id: "c-roundtrip" });
    expect(await store.insertCalls(projectA, [call])).toEqual(["stored"]);
    expect(await store.getCall(projectA, "c-roundtrip")).toEqual(call);
    expect(await store.insertCalls(projectA, [call, makeCall({ id: "c-roundtrip-2" })])).toEqual([
      "duplicate",
      "stored",
    ]);
    expect(await store.getCall(projectB, "c-roundtrip")).toBeNull();
  });

  it("keeps null usage, string input and null output apart from zeros", async () => {
    const call = makeCall({
      id: "c-nulls",
      input: "plain prompt",
      output: null,
      usage: null,
      costUsd: null,
      status: "error",
      error: "upstream 500",
      route: null,
      tags: [],
      metadata: {},
    });
    await store.insertCalls(projectA, [call]);
    expect(await store.getCall(projectA, "c-nulls")).toEqual(call);
    const estimated = makeCall({ id: "c-est", usage: { inputTokens: 5, outputTokens: 0, estimated: true } });
    await store.insertCalls(projectA, [estimated]);
    expect((await store.getCall(projectA, "c-est"))?.usage).toEqual({
      inputTokens: 5,
      outputTokens: 0,
      estimated: true,
    });
  });

  it("stores a burst of thousands of calls sharing one millisecond, in order", async () => {
    const burst = Array.from({ length: 3000 }, (_, i) =>
      makeCall({ id: `burst-${String(i).padStart(4, "0")}`, timestamp: "2025-06-01T00:00:00.000Z" }),
    );
    const outcomes = [
      ...(await store.insertCalls(projectA, burst.slice(0, 1500))),
      ...(await store.insertCalls(projectA, burst.slice(1500))),
    ];
    expect(outcomes.filter((o) => o === "stored")).toHaveLength(3000);
    const page = await store.listCalls(projectA, {
      limit: 1000,
      since: "2025-06-01T00:00:00.000Z",
      until: "2025-06-01T00:00:01.000Z",
    });
    expect(page.data).toHaveLength(1000);
    expect(page.data[0]!.id).toBe("burst-2999");
  });

  it("lets the same id live in two projects", async () => {
    expect(await store.insertCalls(projectB, [makeCall({ id: "c-roundtrip", route: "other" })])).toEqual([
      "stored",
    ]);
    expect((await store.getCall(projectB, "c-roundtrip"))?.route).toBe("other");
    expect((await store.getCall(projectA, "c-roundtrip"))?.route).toBe("categorize");
  });

  describe("listing", () => {
    const base = Date.parse("2026-10-01T00:00:00.000Z");
    beforeAll(async () => {
      const calls: Call[] = [];
      for (let i = 0; i < 30; i++) {
        calls.push(
          makeCall({
            id: `list-${String(i).padStart(2, "0")}`,
            timestamp: new Date(base + i * 60_000).toISOString(),
            route: i % 2 === 0 ? "categorize" : "support-reply",
            model: i % 3 === 0 ? "claude-haiku-4-5" : "gpt-4o-mini",
            status: i % 10 === 0 ? "error" : "ok",
            userId: `user-${i % 4}`,
            input: [
              { role: "user", content: i === 7 ? "Where is my parcel zanzibar?" : `listing number ${i}` },
            ],
            output: { role: "assistant", content: i === 12 ? "kayak paddles belong in watersports" : "ok" },
          }),
        );
      }
      // same-millisecond calls must all be kept and ordered stably
      for (let i = 0; i < 5; i++)
        calls.push(makeCall({ id: `same-${i}`, timestamp: new Date(base - 1000).toISOString() }));
      await store.insertCalls(projectA, calls.reverse());
    });

    const range = { since: "2026-09-30T00:00:00.000Z", until: "2026-10-02T00:00:00.000Z" };

    it("pages newest first with a cursor, without gaps or repeats", async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 10; page++) {
        const result = await store.listCalls(projectA, { limit: 7, ...range, ...(cursor ? { cursor } : {}) });
        seen.push(...result.data.map((c) => c.id));
        if (!result.nextCursor) break;
        cursor = result.nextCursor;
      }
      expect(seen).toHaveLength(35);
      expect(new Set(seen).size).toBe(35);
      expect(seen[0]).toBe("list-29");
      expect(seen[29]).toBe("list-00");
      const times = seen.slice(0, 30).map((id) => Number(id.slice(5)));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    });

    it("filters by route, model, status, user and time", async () => {
      const byRoute = await store.listCalls(projectA, { limit: 100, route: "support-reply", ...range });
      expect(byRoute.data).toHaveLength(15);
      expect(byRoute.data.every((c) => c.route === "support-reply")).toBe(true);
      const byModel = await store.listCalls(projectA, { limit: 100, model: "claude-haiku-4-5", ...range });
      expect(byModel.data.map((c) => c.id).sort()).toEqual(
        ["00", "03", "06", "09", "12", "15", "18", "21", "24", "27"].map((n) => `list-${n}`),
      );
      const errors = await store.listCalls(projectA, { limit: 100, status: "error", ...range });
      expect(errors.data.map((c) => c.id).sort()).toEqual(["list-00", "list-10", "list-20"]);
      const user = await store.listCalls(projectA, {
        limit: 100,
        userId: "user-1",
        route: "support-reply",
        ...range,
      });
      expect(user.data).toHaveLength(8);
      const window = await store.listCalls(projectA, {
        limit: 100,
        since: new Date(base + 10 * 60_000).toISOString(),
        until: new Date(base + 20 * 60_000).toISOString(),
      });
      expect(window.data.map((c) => c.id)).toEqual(
        [19, 18, 17, 16, 15, 14, 13, 12, 11, 10].map((n) => `list-${n}`),
      );
    });

    it("searches input and output text, combined with filters, within the project only", async () => {
      const inInput = await store.listCalls(projectA, { limit: 10, q: "zanzibar" });
      expect(inInput.data.map((c) => c.id)).toEqual(["list-07"]);
      const inOutput = await store.listCalls(projectA, { limit: 10, q: "Kayak watersports" });
      expect(inOutput.data.map((c) => c.id)).toEqual(["list-12"]);
      const filtered = await store.listCalls(projectA, { limit: 10, q: "zanzibar", route: "categorize" });
      expect(filtered.data).toHaveLength(0);
      const none = await store.listCalls(projectB, { limit: 10, q: "zanzibar" });
      expect(none.data).toHaveLength(0);
      const syntax = await store.listCalls(projectA, { limit: 10, q: 'zanzibar" OR (NEAR' });
      expect(syntax.data).toHaveLength(0);
      const many = await store.listCalls(projectA, { limit: 4, q: "listing number", ...range });
      expect(many.data).toHaveLength(4);
      expect(many.nextCursor).not.toBeNull();
      const next = await store.listCalls(projectA, {
        limit: 100,
        q: "listing number",
        cursor: many.nextCursor!,
        ...range,
      });
      expect(many.data.length + next.data.length).toBe(29);
    });

    it("filters by tag and by feedback label, with other filters and search, within the project", async () => {
      await store.insertCalls(projectA, [
        makeCall({ id: "tagged-1", timestamp: "2026-10-05T00:00:00.000Z", tags: ["mobile", "pets"] }),
      ]);
      await store.insertFeedback(projectA, [
        makeFeedback({ id: "fb-neg-7", callId: "list-07", kind: "thumbs_down", label: "negative" }),
        makeFeedback({ id: "fb-neg-8", callId: "list-08", kind: "thumbs_down", label: "negative" }),
        makeFeedback({ id: "fb-pos-9", callId: "list-09", label: "positive" }),
      ]);
      await store.insertFeedback(projectB, [
        makeFeedback({ id: "fb-b-9", callId: "list-09", kind: "thumbs_down", label: "negative" }),
      ]);
      const ids = (page: { data: Call[] }) => page.data.map((c) => c.id);
      expect(ids(await store.listCalls(projectA, { limit: 100, tag: "pets" }))).toEqual(["tagged-1"]);
      expect(ids(await store.listCalls(projectA, { limit: 100, tag: "pet" }))).toEqual([]);
      expect(ids(await store.listCalls(projectA, { limit: 100, label: "negative" }))).toEqual([
        "list-08",
        "list-07",
      ]);
      expect(
        ids(await store.listCalls(projectA, { limit: 100, label: "negative", route: "support-reply" })),
      ).toEqual(["list-07"]);
      expect(ids(await store.listCalls(projectA, { limit: 10, label: "negative", q: "zanzibar" }))).toEqual([
        "list-07",
      ]);
      expect(ids(await store.listCalls(projectA, { limit: 10, tag: "a", q: "zanzibar" }))).toEqual([
        "list-07",
      ]);
      expect(ids(await store.listCalls(projectB, { limit: 100, label: "negative" }))).toEqual([]);
    });

    it("counts calls per project", async () => {
      expect(await store.countCalls(projectA)).toBeGreaterThanOrEqual(35);
      expect(await store.countCalls(projectB)).toBe(1);
    });
  });

  it("stores feedback idempotently, even for a call not stored yet", async () => {
    const fb = makeFeedback({
      id: "f1",
      callId: "c-roundtrip",
      kind: "rating",
      value: 5,
      label: "strong_positive",
    });
    expect(await store.insertFeedback(projectA, [fb, makeFeedback({ id: "f2", callId: "c-later" })])).toEqual(
      ["stored", "stored"],
    );
    expect(await store.insertFeedback(projectA, [fb])).toEqual(["duplicate"]);
    expect(await store.listFeedbackForCall(projectA, "c-roundtrip")).toEqual([fb]);
    expect(await store.listFeedbackForCall(projectB, "c-roundtrip")).toEqual([]);
    const edit = makeFeedback({
      id: "f3",
      callId: "c-roundtrip",
      kind: "accept_edit",
      editedOutput: "footwear > running",
      comment: "close",
      userId: "u9",
      timestamp: "2026-11-01T12:02:00.000Z",
      metadata: { editDistance: 0.3 },
    });
    await store.insertFeedback(projectA, [edit]);
    expect(await store.listFeedbackForCall(projectA, "c-roundtrip")).toEqual([fb, edit]);
  });

  it("deletes calls older than the retention cutoff, with their feedback and search entries", async () => {
    const old = makeCall({
      id: "old-1",
      timestamp: "2020-01-01T00:00:00.000Z",
      input: "ancient quokka question",
    });
    await store.insertCalls(projectA, [old]);
    await store.insertFeedback(projectA, [makeFeedback({ id: "f-old", callId: "old-1" })]);
    expect((await store.listCalls(projectA, { limit: 5, q: "quokka" })).data).toHaveLength(1);
    const deleted = await store.deleteCallsBefore(new Date("2021-01-01T00:00:00.000Z"));
    expect(deleted).toBe(1);
    expect(await store.getCall(projectA, "old-1")).toBeNull();
    expect(await store.listFeedbackForCall(projectA, "old-1")).toEqual([]);
    expect((await store.listCalls(projectA, { limit: 5, q: "quokka" })).data).toHaveLength(0);
    expect(await store.getCall(projectA, "c-roundtrip")).not.toBeNull();
  });

  it("deletes held feedback whose call never came once it is older than the cutoff, and nothing else", async () => {
    await store.insertCalls(projectA, [makeCall({ id: "held-call", timestamp: "2025-06-01T00:00:00.000Z" })]);
    await store.insertFeedback(projectA, [
      makeFeedback({ id: "held-old-orphan", callId: "never-came", timestamp: "2025-06-01T00:00:00.000Z" }),
      makeFeedback({ id: "held-new-orphan", callId: "still-coming", timestamp: "2025-06-03T00:00:00.000Z" }),
      makeFeedback({ id: "held-old-joined", callId: "held-call", timestamp: "2025-06-01T00:00:00.000Z" }),
    ]);
    // The same call id in another project does not save project B's orphan.
    await store.insertFeedback(projectB, [
      makeFeedback({ id: "held-b-orphan", callId: "held-call", timestamp: "2025-06-01T00:00:00.000Z" }),
    ]);
    // Other tests' feedback is dated 2026: this cutoff reaches only the items made here.
    const cutoff = new Date("2025-06-02T00:00:00.000Z");
    expect(await store.deleteOrphanFeedbackBefore(cutoff)).toBe(2);
    expect(await store.listFeedbackForCall(projectA, "never-came")).toEqual([]);
    expect((await store.listFeedbackForCall(projectA, "still-coming")).map((f) => f.id)).toEqual([
      "held-new-orphan",
    ]);
    expect((await store.listFeedbackForCall(projectA, "held-call")).map((f) => f.id)).toEqual([
      "held-old-joined",
    ]);
    expect(await store.listFeedbackForCall(projectB, "held-call")).toEqual([]);
    expect(await store.deleteOrphanFeedbackBefore(cutoff)).toBe(0);
  });
});
