/** The ReviewStore contract, run unchanged on SQLite and PostgreSQL. */

import { type StoreTarget, storeBackends } from "@genchi/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../../app/open-store.js";
import type { Store } from "../../../platform/store/store.js";

describe.each(storeBackends)("ReviewStore on %s", (_name, makeTarget) => {
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
  const day = "2026-11-28";

  it("queues calls once per day, in order, and remembers every queued call", async () => {
    const s = await open();
    const a = await s.ensureProject("a");
    const b = await s.ensureProject("b");
    const picks = [
      { callId: "c1", strategy: "uniform" as const },
      { callId: "c2", strategy: "negative_feedback" as const },
    ];
    expect(await s.review.addQueueItems(a.id, day, picks)).toBe(2);
    expect(
      await s.review.addQueueItems(a.id, day, [...picks, { callId: "c3", strategy: "stratified" }]),
    ).toBe(1);
    const queue = await s.review.listQueue(a.id, day);
    expect(queue.map((q) => [q.callId, q.position, q.strategy])).toEqual([
      ["c1", 0, "uniform"],
      ["c2", 1, "negative_feedback"],
      ["c3", 2, "stratified"],
    ]);
    expect(await s.review.listQueue(b.id, day)).toEqual([]);
    expect([...(await s.review.reviewedOrQueuedCallIds(a.id))].sort()).toEqual(["c1", "c2", "c3"]);
  });

  it("locks a claimed call: two reviewers never get the same one, nor one reviewer the same twice", async () => {
    const s = await open();
    const a = await s.ensureProject("a");
    await s.review.addQueueItems(
      a.id,
      day,
      ["c1", "c2", "c3"].map((callId) => ({ callId, strategy: "uniform" as const })),
    );
    const [ana, bo] = await Promise.all([
      s.review.claimNext(a.id, day, "ana", 60_000),
      s.review.claimNext(a.id, day, "bo", 60_000),
    ]);
    expect(ana).not.toBeNull();
    expect(bo).not.toBeNull();
    expect(ana!.callId).not.toBe(bo!.callId);
    expect(ana!.lockedBy).toBe("ana");
    // Claiming again renews the same lock.
    expect((await s.review.claimNext(a.id, day, "ana", 60_000))!.callId).toBe(ana!.callId);
    expect(await s.review.activeLock(a.id, bo!.callId)).toMatchObject({ lockedBy: "bo", day });
    await s.review.putAnnotation(a.id, {
      callId: ana!.callId,
      reviewer: "ana",
      verdict: "pass",
      tags: [],
      note: null,
      correction: null,
    });
    expect(await s.review.activeLock(a.id, ana!.callId)).toBeNull();
    const third = await s.review.claimNext(a.id, day, "ana", 60_000);
    expect([ana!.callId, bo!.callId]).not.toContain(third!.callId);
    await s.review.putAnnotation(a.id, {
      callId: third!.callId,
      reviewer: "ana",
      verdict: "pass",
      tags: [],
      note: null,
      correction: null,
    });
    // bo still holds the last one: nothing left for ana.
    expect(await s.review.claimNext(a.id, day, "ana", 60_000)).toBeNull();
    const queue = await s.review.listQueue(a.id, day);
    expect(queue.filter((q) => q.doneBy === "ana")).toHaveLength(2);
  });

  it("four reviewers claiming at once through a 20-call queue never share a call", async () => {
    const s = await open();
    const a = await s.ensureProject("a");
    await s.review.addQueueItems(
      a.id,
      day,
      Array.from({ length: 20 }, (_, i) => ({ callId: `c${i}`, strategy: "uniform" as const })),
    );
    const reviewers = ["ana", "bo", "cy", "di"];
    const seen: string[] = [];
    for (let round = 0; round < 6; round++) {
      const claims = await Promise.all(reviewers.map((r) => s.review.claimNext(a.id, day, r, 60_000)));
      const got = claims.filter((c) => c !== null);
      seen.push(...got.map((c) => c.callId));
      await Promise.all(
        got.map((c) =>
          s.review.putAnnotation(a.id, {
            callId: c.callId,
            reviewer: c.lockedBy!,
            verdict: "pass",
            tags: [],
            note: null,
            correction: null,
          }),
        ),
      );
    }
    expect(seen).toHaveLength(20);
    expect(new Set(seen).size).toBe(20);
  });

  it("hands an expired lock to another reviewer, never back to the one who had it", async () => {
    const s = await open();
    const a = await s.ensureProject("a");
    await s.review.addQueueItems(a.id, day, [{ callId: "c1", strategy: "uniform" }]);
    expect((await s.review.claimNext(a.id, day, "ana", 1))!.callId).toBe("c1");
    await new Promise((r) => setTimeout(r, 20));
    expect(await s.review.activeLock(a.id, "c1")).toBeNull();
    expect(await s.review.claimNext(a.id, day, "ana", 60_000)).toBeNull();
    expect((await s.review.claimNext(a.id, day, "bo", 60_000))!.lockedBy).toBe("bo");
  });

  it("keeps annotations with tags, replaces them per reviewer, and grows the taxonomy", async () => {
    const s = await open();
    const a = await s.ensureProject("a");
    await s.review.putAnnotation(a.id, {
      callId: "c1",
      reviewer: "ana",
      verdict: "fail",
      tags: ["refusal", "too long"],
      note: "refused a billing question",
      correction: "billing",
    });
    await s.review.putAnnotation(a.id, {
      callId: "c1",
      reviewer: "bo",
      verdict: "pass",
      tags: [],
      note: null,
      correction: null,
    });
    const mine = await s.review.listAnnotations(a.id, { reviewer: "ana" });
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      callId: "c1",
      verdict: "fail",
      tags: ["refusal", "too long"],
      note: "refused a billing question",
      correction: "billing",
    });
    await s.review.putAnnotation(a.id, {
      callId: "c1",
      reviewer: "ana",
      verdict: "fail",
      tags: ["refusal"],
      note: null,
      correction: null,
    });
    expect((await s.review.listAnnotations(a.id, { callId: "c1", verdict: "fail" }))[0]!.tags).toEqual([
      "refusal",
    ]);
    expect((await s.review.listFailureModes(a.id)).map((m) => m.name)).toEqual(["refusal", "too long"]);
    expect(await s.review.annotationDays(a.id, "ana")).toEqual([new Date().toISOString().slice(0, 10)]);
  });

  it("renames and merges failure modes; annotations follow", async () => {
    const s = await open();
    const a = await s.ensureProject("a");
    await s.review.putAnnotation(a.id, {
      callId: "c1",
      reviewer: "ana",
      verdict: "fail",
      tags: ["refusal", "declined"],
      note: null,
      correction: null,
    });
    await s.review.putAnnotation(a.id, {
      callId: "c2",
      reviewer: "ana",
      verdict: "fail",
      tags: ["declined"],
      note: null,
      correction: null,
    });
    const refusal = (await s.review.getFailureMode(a.id, "refusal"))!;
    const declined = (await s.review.getFailureMode(a.id, "declined"))!;
    const renamed = await s.review.renameFailureMode(a.id, refusal.id, "refuses");
    expect(renamed).toMatchObject({ id: refusal.id, name: "refuses" });
    await expect(s.review.renameFailureMode(a.id, refusal.id, "declined")).rejects.toMatchObject({
      code: "GENCHI_CONFLICT",
    });
    await s.review.mergeFailureModes(a.id, declined.id, refusal.id);
    expect((await s.review.listFailureModes(a.id)).map((m) => m.name)).toEqual(["refuses"]);
    const tags = (await s.review.listAnnotations(a.id)).map((x) => [x.callId, x.tags]);
    expect(tags.sort()).toEqual([
      ["c1", ["refuses"]],
      ["c2", ["refuses"]],
    ]);
  });

  it("keeps one reminder per project and lets only one claim a day's sending", async () => {
    const s = await open();
    const a = await s.ensureProject("a");
    const b = await s.ensureProject("b");
    await s.review.putReminder(a.id, { webhookUrl: "http://127.0.0.1:9/a", hourUtc: 9 });
    await s.review.putReminder(a.id, { webhookUrl: "http://127.0.0.1:9/a2", hourUtc: 10 });
    await s.review.putReminder(b.id, { webhookUrl: "http://127.0.0.1:9/b", hourUtc: 0 });
    expect(await s.review.listReminders()).toEqual([
      { projectId: a.id, webhookUrl: "http://127.0.0.1:9/a2", hourUtc: 10 },
      { projectId: b.id, webhookUrl: "http://127.0.0.1:9/b", hourUtc: 0 },
    ]);
    await s.review.putReminder(b.id, null);
    expect((await s.review.listReminders()).map((r) => r.projectId)).toEqual([a.id]);
    const claims = await Promise.all([1, 2, 3].map(() => s.review.claimReminder(a.id, day)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await s.review.claimReminder(a.id, "2026-11-29")).toBe(true);
  });

  it("keeps a route's suite assertions in order", async () => {
    const s = await open();
    const a = await s.ensureProject("a");
    await s.review.addSuiteAssertion(a.id, {
      route: "categorize",
      description: "no apology",
      assert: { type: "not-contains", value: "sorry" },
      sourceCallId: "c1",
    });
    await s.review.addSuiteAssertion(a.id, {
      route: "categorize",
      description: "json",
      assert: { type: "is-json" },
      sourceCallId: null,
    });
    await s.review.addSuiteAssertion(a.id, {
      route: "answer",
      description: "",
      assert: { type: "contains", value: "x" },
      sourceCallId: null,
    });
    const suite = await s.review.listSuiteAssertions(a.id, "categorize");
    expect(suite.map((x) => x.assert)).toEqual([
      { type: "not-contains", value: "sorry" },
      { type: "is-json" },
    ]);
    expect(suite[0]!.sourceCallId).toBe("c1");
  });
});
