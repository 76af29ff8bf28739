import type { CallIn } from "@genchi/spec";
import { describe, expect, it } from "vitest";
import { CallLogQueue, type WriteBatch } from "./call-log-queue.js";

const call = (n: number): CallIn => ({ id: `c${n}`, input: `question ${n}` });

/** A writer that records what it was given and can be told to fail. */
function recorder() {
  const written: CallIn[][] = [];
  const state = { fail: false };
  const write: WriteBatch = async (_projectId, calls) => {
    if (state.fail) throw new Error("storage down");
    written.push(calls);
    return { stored: calls.length, rejected: 0 };
  };
  return { written, state, write };
}

describe("CallLogQueue", () => {
  it("builds calls queued unbuilt when their batch is written, once each, in order", async () => {
    const { written, write } = recorder();
    const q = new CallLogQueue(write, { capacity: 100, batchSize: 50, lingerMs: 10_000 });
    let builds = 0;
    for (let i = 0; i < 20; i++) {
      q.push({
        projectId: "p",
        call: () => {
          builds++;
          return call(i);
        },
      });
    }
    expect(builds).toBe(0); // nothing is built while requests are being relayed
    await q.flush(2_000);
    expect(builds).toBe(20);
    expect(written.flat().map((c) => c.id)).toEqual(Array.from({ length: 20 }, (_, i) => `c${i}`));
    expect(q.stats()).toMatchObject({ enqueued: 20, written: 20, rejected: 0, dropped: 0 });
  });

  it("lets other work run between slices of a large batch", async () => {
    const { write } = recorder();
    const q = new CallLogQueue(write, { capacity: 1_000, batchSize: 100, lingerMs: 10_000 });
    const order: string[] = [];
    for (let i = 0; i < 100; i++) {
      q.push({
        projectId: "p",
        call: () => {
          order.push("build");
          return call(i);
        },
      });
    }
    const flushed = q.flush(2_000);
    setImmediate(() => order.push("other"));
    await flushed;
    const other = order.indexOf("other");
    expect(other).toBeGreaterThan(0);
    expect(other).toBeLessThan(order.length - 1);
  });

  it("counts a call that cannot be built as rejected and writes the rest", async () => {
    const { written, write } = recorder();
    const q = new CallLogQueue(write, { capacity: 100, batchSize: 10, lingerMs: 10_000 });
    q.push({ projectId: "p", call: call(1) });
    q.push({
      projectId: "p",
      call: () => {
        throw new Error("bad exchange");
      },
    });
    q.push({ projectId: "p", call: () => call(3) });
    await q.flush(2_000);
    expect(written.flat().map((c) => c.id)).toEqual(["c1", "c3"]);
    expect(q.stats()).toMatchObject({ written: 2, rejected: 1 });
    expect(q.stats().lastError).toContain("bad exchange");
  });

  it("keeps a failed batch (built once) for the next try, within capacity, and counts what it drops", async () => {
    const { written, state, write } = recorder();
    const q = new CallLogQueue(write, { capacity: 5, batchSize: 5, lingerMs: 10_000 });
    let builds = 0;
    for (let i = 0; i < 5; i++) {
      q.push({
        projectId: "p",
        call: () => {
          builds++;
          return call(i);
        },
      });
    }
    expect(q.push({ projectId: "p", call: call(99) })).toBe(false); // full: dropped, never blocks
    state.fail = true;
    await q.flush(300);
    expect(q.stats()).toMatchObject({ queued: 5, dropped: 1, lastError: "storage down" });
    // Retried with a back-off (100 ms, then doubling), not in a tight loop: 2–3 tries in 300 ms,
    // a few more when timers run late on a loaded machine (a tight loop made tens of thousands).
    expect(q.stats().failedWrites).toBeGreaterThanOrEqual(1);
    expect(q.stats().failedWrites).toBeLessThanOrEqual(8);
    state.fail = false;
    await q.flush(3_000);
    expect(builds).toBe(5);
    expect(written.flat().map((c) => c.id)).toEqual(["c0", "c1", "c2", "c3", "c4"]);
    expect(q.stats()).toMatchObject({ written: 5, queued: 0 });
  });
});
