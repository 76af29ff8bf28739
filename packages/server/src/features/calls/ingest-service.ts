/**
 * Ingest: validates each item on its own, stores the valid ones durably (calls first,
 * so feedback in the same batch finds them), and reports one result per item. Items are
 * validated a slice at a time, so a large batch does not hold the event loop throughout.
 */
import type { ModelPrice } from "@genchi/core";
import type { Call, Feedback, IngestItemResult, IngestResponse } from "@genchi/spec";
import type { Store } from "../../platform/store/store.js";
import { mapInSlices } from "../../platform/util/map-in-slices.js";
import { normalizeCall } from "./normalize-call.js";
import { normalizeFeedback } from "./normalize-feedback.js";

export interface IngestBatch {
  calls?: readonly unknown[] | undefined;
  feedback?: readonly unknown[] | undefined;
}

export interface IngestOptions {
  defaultSource?: Call["source"];
  prices?: Readonly<Record<string, ModelPrice>>;
}

export class IngestService {
  constructor(
    private readonly store: Store,
    private readonly options: IngestOptions = {},
  ) {}

  /**
   * @example await ingest.ingest(projectId, { calls: [{ input: "hi" }] }) // → { stored: 1, … }
   */
  async ingest(projectId: string, batch: IngestBatch, options: IngestOptions = {}): Promise<IngestResponse> {
    const now = Date.now();
    const results: IngestItemResult[] = [];
    const calls: Call[] = [];
    const callSlots: IngestItemResult[] = [];
    const normalizeOptions = { ...this.options, ...options, now };
    const normalizedCalls = await mapInSlices(batch.calls ?? [], (raw) =>
      normalizeCall(raw, normalizeOptions),
    );
    normalizedCalls.forEach((n, index) => {
      if (!n.ok) {
        results.push({ type: "call", index, status: "rejected", error: n.error });
        return;
      }
      const slot: IngestItemResult = { type: "call", index, status: "stored", id: n.value.id };
      if (n.warnings.length > 0) slot.warnings = n.warnings;
      calls.push(n.value);
      callSlots.push(slot);
      results.push(slot);
    });
    const feedback: Feedback[] = [];
    const feedbackSlots: IngestItemResult[] = [];
    const normalizedFeedback = await mapInSlices(batch.feedback ?? [], (raw) => normalizeFeedback(raw, now));
    normalizedFeedback.forEach((n, index) => {
      if (!n.ok) {
        results.push({ type: "feedback", index, status: "rejected", error: n.error });
        return;
      }
      const slot: IngestItemResult = { type: "feedback", index, status: "stored", id: n.value.id };
      if (n.warnings.length > 0) slot.warnings = n.warnings;
      feedback.push(n.value);
      feedbackSlots.push(slot);
      results.push(slot);
    });
    if (calls.length > 0) {
      const outcomes = await this.store.insertCalls(projectId, calls);
      outcomes.forEach((outcome, i) => {
        callSlots[i]!.status = outcome;
      });
    }
    if (feedback.length > 0) {
      const outcomes = await this.store.insertFeedback(projectId, feedback);
      outcomes.forEach((outcome, i) => {
        feedbackSlots[i]!.status = outcome;
      });
    }
    let stored = 0;
    let duplicates = 0;
    let rejected = 0;
    for (const r of results) {
      if (r.status === "stored") stored++;
      else if (r.status === "duplicate") duplicates++;
      else rejected++;
    }
    return { results, stored, duplicates, rejected };
  }
}
