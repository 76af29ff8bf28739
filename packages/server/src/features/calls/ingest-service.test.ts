import type { Call, Feedback } from "@genchi/spec";
import { describe, expect, it } from "vitest";
import type { InsertOutcome, Store } from "../../platform/store/store.js";
import { IngestService } from "./ingest-service.js";

/** A store that records what it is given; ids listed in `duplicates` come back as duplicates. */
function recordingStore(duplicates: ReadonlySet<string> = new Set()) {
  const calls: Call[] = [];
  const feedback: Feedback[] = [];
  const outcome = (id: string): InsertOutcome => (duplicates.has(id) ? "duplicate" : "stored");
  const fake: Pick<Store, "insertCalls" | "insertFeedback"> = {
    insertCalls: async (_projectId, batch) => {
      calls.push(...batch);
      return batch.map((c) => outcome(c.id));
    },
    insertFeedback: async (_projectId, batch) => {
      feedback.push(...batch);
      return batch.map((f) => outcome(f.id));
    },
  };
  // IngestService only writes calls and feedback.
  return { store: fake as Store, calls, feedback };
}

const rawCall = (i: number) => ({ id: `c${i}`, input: `question ${i}`, output: `answer ${i}` });

describe("IngestService", () => {
  it("keeps one result per item, in order, across a large batch with a bad item in the middle", async () => {
    const { store, calls, feedback } = recordingStore(new Set(["c30", "f2"]));
    const raw: unknown[] = Array.from({ length: 50 }, (_, i) => rawCall(i));
    raw[20] = "not a call";
    raw[21] = { id: "c21", input: "x", status: "sideways" };
    const rawFeedback: unknown[] = Array.from({ length: 12 }, (_, i) => ({
      id: `f${i}`,
      callId: `c${i}`,
      kind: "regenerate",
    }));
    rawFeedback[5] = { id: "f5", kind: "regenerate" }; // no callId
    const response = await new IngestService(store).ingest("1", { calls: raw, feedback: rawFeedback });

    expect(response).toMatchObject({ stored: 57, duplicates: 2, rejected: 3 });
    expect(response.results).toHaveLength(62);
    expect(response.results.map((r) => [r.type, r.index])).toEqual([
      ...raw.map((_, i) => ["call", i]),
      ...rawFeedback.map((_, i) => ["feedback", i]),
    ]);
    const callResults = response.results.slice(0, 50);
    callResults.forEach((r, i) => {
      if (i === 20 || i === 21) {
        expect(r).toMatchObject({ status: "rejected", error: { code: "GENCHI_VALIDATION" } });
        expect(r).not.toHaveProperty("id");
      } else {
        expect(r).toMatchObject({ status: i === 30 ? "duplicate" : "stored", id: `c${i}` });
      }
    });
    expect(response.results[20]).toMatchObject({ error: { message: "a call must be a JSON object" } });
    expect(response.results[21]).toMatchObject({ error: { field: "status" } });
    expect(response.results[50 + 2]).toMatchObject({ status: "duplicate", id: "f2" });
    expect(response.results[50 + 5]).toMatchObject({ status: "rejected", error: { field: "callId" } });
    expect(calls.map((c) => c.id)).toEqual(
      Array.from({ length: 50 }, (_, i) => `c${i}`).filter((id) => id !== "c20" && id !== "c21"),
    );
    expect(feedback.map((f) => f.id)).toEqual(
      Array.from({ length: 12 }, (_, i) => `f${i}`).filter((id) => id !== "f5"),
    );
  });

  it("lets other work run while it validates a large batch", async () => {
    const { store } = recordingStore();
    const order: string[] = [];
    setImmediate(() => order.push("other"));
    const ingesting = new IngestService(store)
      .ingest("1", { calls: Array.from({ length: 50 }, (_, i) => rawCall(i)) })
      .then((response) => {
        order.push("ingested");
        return response;
      });
    expect(order).toEqual([]);
    expect((await ingesting).stored).toBe(50);
    expect(order).toEqual(["other", "ingested"]);
  });

  it("stores a small batch", async () => {
    const { store, calls } = recordingStore();
    const response = await new IngestService(store, { defaultSource: "gateway" }).ingest("1", {
      calls: [rawCall(1), { input: "no id" }],
    });
    expect(response).toMatchObject({ stored: 2, duplicates: 0, rejected: 0 });
    expect(calls.map((c) => c.source)).toEqual(["gateway", "gateway"]);
    expect(response.results[1]).toMatchObject({ status: "stored", id: calls[1]?.id });
  });
});
