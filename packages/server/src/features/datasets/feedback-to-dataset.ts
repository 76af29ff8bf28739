/**
 * Feedback as data: turns what end users said about calls into dataset items. A correction
 * (or a suggestion accepted after an edit) becomes an item whose expected output is the user's
 * text; an accepted suggestion becomes a positive example (its output expected as is); a
 * regenerated one a negative example (its output is what the model should not say again).
 * Item ids derive from the feedback, so running it twice adds nothing twice. `limit` caps the
 * items: the newest calls' feedback first, whatever its kind.
 */
import { callText } from "@genchi/core";
import type { Call, CallsQuery, DatasetItemIn, Feedback } from "@genchi/spec";
import type { Store } from "../../platform/store/store.js";

export interface FeedbackToDatasetOptions {
  route?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  /** At most this many items, the newest calls' first (default 1,000). */
  limit?: number | undefined;
}

type Example = "correction" | "positive" | "negative";

/** Which feedback makes which kind of example; other kinds (thumbs, ratings, copy) are left out. */
function exampleOf(f: Feedback): Example | null {
  if ((f.kind === "correction" || f.kind === "accept_edit") && typeof f.editedOutput === "string") {
    return "correction";
  }
  if (f.kind === "accept") return "positive";
  if (f.kind === "regenerate") return "negative";
  return null;
}

function itemOf(call: Call, feedback: Feedback, example: Example): DatasetItemIn {
  const output = callText(call.output);
  return {
    id: `feedback-${feedback.id ?? `${call.id}-${feedback.kind}`}`,
    vars: { input: callText(call.input) },
    expected: example === "correction" ? feedback.editedOutput : output,
    sourceCallId: call.id,
    metadata: {
      example,
      feedbackKind: feedback.kind,
      ...(feedback.label ? { label: feedback.label } : {}),
      ...(example === "negative" ? { rejectedOutput: output } : {}),
      ...(call.route ? { route: call.route } : {}),
    },
  };
}

/** The labels of the feedback kinds that make items (a correction's label is `negative`). */
const itemLabels = ["strong_positive", "positive", "negative", "strong_negative"] as const;

/** Calls read per label at most, as a multiple of `limit`: thumbs and ignores make no items. */
const scanFactor = 10;
const pageSize = 200;

/**
 * Reads the calls with feedback (per label, newest first) and returns at most `limit` items,
 * the newest calls' first: one item per usable feedback.
 *
 * @example const items = await feedbackItems(store, projectId, { route: "categorize", limit: 500 }); await store.datasets.addItems(projectId, id, items)
 */
export async function feedbackItems(
  store: Store,
  projectId: string,
  options: FeedbackToDatasetOptions = {},
): Promise<DatasetItemIn[]> {
  const limit = options.limit ?? 1_000;
  const seen = new Set<string>();
  const found: { call: Call; items: DatasetItemIn[] }[] = [];
  // Each label's newest `limit` items are enough: the newest `limit` of all are among them.
  for (const label of itemLabels) {
    let items = 0;
    let scanned = 0;
    let cursor: string | undefined;
    while (items < limit && scanned < limit * scanFactor) {
      const query: CallsQuery = {
        label,
        limit: Math.min(pageSize, limit * scanFactor - scanned),
        ...(cursor ? { cursor } : {}),
        ...(options.route ? { route: options.route } : {}),
        ...(options.since ? { since: options.since } : {}),
        ...(options.until ? { until: options.until } : {}),
      };
      const page = await store.listCalls(projectId, query);
      scanned += page.data.length;
      for (const call of page.data) {
        if (seen.has(call.id)) continue;
        seen.add(call.id);
        const fromCall: DatasetItemIn[] = [];
        for (const f of await store.listFeedbackForCall(projectId, call.id)) {
          const example = exampleOf(f);
          if (example) fromCall.push(itemOf(call, f, example));
        }
        if (fromCall.length > 0) found.push({ call, items: fromCall });
        items += fromCall.length;
        if (items >= limit) break;
      }
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
  }
  found.sort(
    (a, b) => b.call.timestamp.localeCompare(a.call.timestamp) || b.call.id.localeCompare(a.call.id),
  );
  return found.flatMap((f) => f.items).slice(0, limit);
}
