import { type CallIn, GenchiError } from "@genchi/spec";
import { describe, expect, it } from "vitest";
import { CallLogQueue, type CallLogStats, type WriteBatch } from "./call-log-queue.js";

/** A flush budget no busy machine runs out of: a flush that can finish returns at once anyway. */
const generous = 20_000;

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
    await q.flush(generous);
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
    const flushed = q.flush(generous);
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
    await q.flush(generous);
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
    await q.flush(generous);
    expect(builds).toBe(5);
    expect(written.flat().map((c) => c.id)).toEqual(["c0", "c1", "c2", "c3", "c4"]);
    expect(q.stats()).toMatchObject({ written: 5, queued: 0 });
  });
});

/** A write whose promise the test settles: `next()` waits for the writer to be called. */
function gate() {
  const calls: Array<{ projectId: string; calls: CallIn[]; settle: (error?: Error) => void }> = [];
  let waiting: (() => void) | null = null;
  const write: WriteBatch = (projectId, batch) =>
    new Promise((resolve, reject) => {
      calls.push({
        projectId,
        calls: batch,
        settle: (error) => (error ? reject(error) : resolve({ stored: batch.length, rejected: 0 })),
      });
      waiting?.();
    });
  const next = async () => {
    while (calls.length === 0) await new Promise<void>((r) => (waiting = r));
    return calls.shift()!;
  };
  return { write, next };
}

const down = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });

describe("CallLogQueue: nothing is lost silently", () => {
  it("a failed write puts back the calls of every project of its batch, not only the failing one's", async () => {
    const { write, next } = gate();
    // The counts as the failure is reported, before any retry.
    const seen: Array<Record<string, CallLogStats>> = [];
    const q: CallLogQueue = new CallLogQueue(write, {
      capacity: 100,
      batchSize: 10,
      lingerMs: 10_000,
      onWriteError: () => seen.push({ all: q.stats(), a: q.stats("a"), b: q.stats("b") }),
    });
    for (let i = 0; i < 5; i++) {
      q.push({ projectId: "a", call: call(i) });
      q.push({ projectId: "b", call: call(100 + i) });
    }
    const flushing = q.flush(generous);
    const first = await next();
    expect(first.projectId).toBe("a");
    first.settle(down());
    const second = await next();
    expect(seen).toHaveLength(1);
    expect(seen[0]!["all"]).toMatchObject({ queued: 10, writing: 0 }); // none lost
    expect(seen[0]!["a"]).toMatchObject({ queued: 5, writing: 0, written: 0, dropped: 0, failedWrites: 1 });
    expect(seen[0]!["b"]).toMatchObject({ queued: 5, writing: 0, written: 0, dropped: 0, failedWrites: 0 });
    expect(seen[0]!["b"]!.lastError).toContain("storage was unavailable");
    second.settle();
    for (;;) {
      (await next()).settle();
      await new Promise((r) => setImmediate(r));
      if (q.size === 0 && q.stats().writing === 0) break;
    }
    await flushing;
    for (const p of ["a", "b"]) expect(q.stats(p)).toMatchObject({ enqueued: 5, written: 5, queued: 0 });
  });

  it("counts, per project, what does not fit back after a failed write, and logs the drop", async () => {
    const { write, next } = gate();
    const drops: number[] = [];
    const q = new CallLogQueue(write, {
      capacity: 10,
      batchSize: 10,
      lingerMs: 10_000,
      onDrop: (n) => drops.push(n),
    });
    const pushPairs = (from: number) => {
      for (let i = from; i < from + 5; i++) {
        q.push({ projectId: "a", call: call(i) });
        q.push({ projectId: "b", call: call(100 + i) });
      }
    };
    pushPairs(0);
    const flushing = q.flush(generous);
    const first = await next(); // the batch of ten is out; the queue has room for ten newer calls
    pushPairs(5);
    expect(q.size).toBe(10);
    first.settle(down());
    // Back in a full queue: the failed batch's ten calls (five per project) are dropped and counted.
    for (;;) {
      (await next()).settle();
      await new Promise((r) => setImmediate(r));
      if (q.size === 0 && q.stats().writing === 0) break;
    }
    await flushing;
    expect(drops).toEqual([10]);
    for (const p of ["a", "b"]) {
      const s = q.stats(p);
      expect(s).toMatchObject({ enqueued: 10, written: 5, dropped: 5, queued: 0 });
      expect(s.written + s.dropped + s.queued).toBe(10);
    }
  });

  it("counts a call that cannot be built once, however often its batch is retried", async () => {
    const written: CallIn[] = [];
    let failures = 2;
    const write: WriteBatch = async (_projectId, calls) => {
      if (failures-- > 0) throw down();
      written.push(...calls);
      return { stored: calls.length, rejected: 0 };
    };
    const q = new CallLogQueue(write, { capacity: 100, batchSize: 10, lingerMs: 10_000 });
    q.push({
      projectId: "p",
      call: () => {
        throw new Error("bad exchange");
      },
    });
    q.push({ projectId: "p", call: call(1) });
    await q.flush(generous);
    expect(written.map((c) => c.id)).toEqual(["c1"]);
    expect(q.stats()).toMatchObject({ enqueued: 2, written: 1, rejected: 1, queued: 0, failedWrites: 2 });
  });
});

describe("CallLogQueue: a poison call", () => {
  /** Storage that refuses, every time, any batch holding a call whose input names "poison". */
  function poisoned() {
    const sizes: number[] = [];
    const written: CallIn[] = [];
    const write: WriteBatch = async (_projectId, calls) => {
      sizes.push(calls.length);
      const bad = calls.find((c) => String(c.input).includes("poison"));
      if (bad) throw new GenchiError("GENCHI_VALIDATION", `call ${bad.id} cannot be stored`);
      written.push(...calls);
      return { stored: calls.length, rejected: 0 };
    };
    return { sizes, written, write };
  }

  it("is isolated and dropped with a count; the rest of its batch and every later call are written", async () => {
    const { sizes, written, write } = poisoned();
    const q = new CallLogQueue(write, { capacity: 1_000, batchSize: 16, lingerMs: 10_000 });
    for (let i = 0; i < 16; i++)
      q.push({ projectId: "p", call: i === 5 ? { id: "bad", input: "poison" } : call(i) });
    for (let i = 16; i < 56; i++) q.push({ projectId: "p", call: call(i) });
    await q.flush(generous);
    expect(written).toHaveLength(55);
    expect(written.map((c) => c.id)).not.toContain("bad");
    expect(q.stats()).toMatchObject({ enqueued: 56, written: 55, poisoned: 1, dropped: 0, queued: 0 });
    expect(q.stats().lastError).toContain("call bad cannot be stored");
    // Found by halving, depth first: 16 → 8 (0–7) → 4 (0–3 written), 4 (4–7) → 2 (4–5) → 1, 1 (poison),
    // then 2 (6–7) and 8 (8–15) written: 9 writes for 16 calls, not one write per call.
    expect(sizes.slice(0, 9)).toEqual([16, 8, 4, 4, 2, 1, 1, 2, 8]);
  });

  it("of one project does not hold back another project's calls in the same batch", async () => {
    const { written, write } = poisoned();
    const q = new CallLogQueue(write, { capacity: 1_000, batchSize: 10, lingerMs: 10_000 });
    q.push({ projectId: "a", call: { id: "bad", input: "poison" } });
    for (let i = 0; i < 9; i++) q.push({ projectId: i % 2 ? "a" : "b", call: call(i) });
    await q.flush(generous);
    expect(written).toHaveLength(9);
    expect(q.stats("a")).toMatchObject({ enqueued: 5, written: 4, poisoned: 1, queued: 0 });
    expect(q.stats("b")).toMatchObject({ enqueued: 5, written: 5, poisoned: 0, queued: 0, lastError: null });
  });

  it("storage that is down is not taken for poison: nothing is split or dropped", async () => {
    const sizes: number[] = [];
    let failures = 3;
    const write: WriteBatch = async (_projectId, calls) => {
      sizes.push(calls.length);
      if (failures-- > 0) throw down();
      return { stored: calls.length, rejected: 0 };
    };
    const q = new CallLogQueue(write, { capacity: 100, batchSize: 8, lingerMs: 10_000 });
    for (let i = 0; i < 8; i++) q.push({ projectId: "p", call: call(i) });
    await q.flush(generous);
    expect(sizes).toEqual([8, 8, 8, 8]);
    expect(q.stats()).toMatchObject({ written: 8, poisoned: 0, dropped: 0, failedWrites: 3 });
  });
});

describe("CallLogQueue: stats per project", () => {
  it("a project's stats count its own calls only; the capacity is the process's", async () => {
    const { write } = recorder();
    const q = new CallLogQueue(write, { capacity: 4, batchSize: 100, lingerMs: 10_000 });
    for (let i = 0; i < 3; i++) q.push({ projectId: "a", call: call(i) });
    q.push({ projectId: "b", call: call(10) });
    q.push({ projectId: "b", call: call(11) }); // full: dropped, counted for b
    expect(q.stats("a")).toMatchObject({ queued: 3, enqueued: 3, dropped: 0, capacity: 4 });
    expect(q.stats("b")).toMatchObject({ queued: 1, enqueued: 1, dropped: 1, capacity: 4 });
    await q.flush(generous);
    expect(q.stats("a")).toMatchObject({ queued: 0, written: 3 });
    expect(q.stats("b")).toMatchObject({ queued: 0, written: 1 });
    expect(q.stats("nobody")).toMatchObject({ queued: 0, enqueued: 0, written: 0, dropped: 0, capacity: 4 });
    expect(q.stats()).toMatchObject({ enqueued: 4, written: 4, dropped: 1 });
  });
});

describe("CallLogQueue settles every accepted call exactly once", () => {
  it("reports written, rejected (unbuildable), poisoned and dropped-after-failure calls to onSettled", async () => {
    const settled: string[] = [];
    let fail = true;
    const write: WriteBatch = async (_projectId, calls) => {
      if (calls.some((c) => c.id === "poison")) throw new GenchiError("GENCHI_VALIDATION", "poison");
      if (fail) throw new Error("storage down");
      return { stored: calls.length, rejected: 0 };
    };
    const q = new CallLogQueue(write, {
      capacity: 4,
      batchSize: 10,
      lingerMs: 10_000,
      onSettled: (items) => {
        for (const item of items)
          settled.push(typeof item.call === "function" ? "unbuilt" : String(item.call.id));
      },
    });
    q.push({ projectId: "p", call: call(1) });
    q.push({ projectId: "p", call: call(2) });
    q.push({ projectId: "p", call: { id: "poison", input: "x" } });
    q.push({
      projectId: "p",
      call: () => {
        throw new Error("cannot build");
      },
    });
    // Full: refused at the door, never accepted, never settled.
    expect(q.push({ projectId: "p", call: call(5) })).toBe(false);
    await q.flush(50); // storage down: c1, c2 and the poison go back; the unbuildable one is settled
    expect(settled).toEqual(["unbuilt"]);
    fail = false;
    await q.flush(generous);
    expect([...settled].sort()).toEqual(["c1", "c2", "poison", "unbuilt"].sort());
    expect(q.stats()).toMatchObject({ written: 2, poisoned: 1, rejected: 1, dropped: 1, queued: 0 });
  });
});
