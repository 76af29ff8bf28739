/**
 * Feedback as data: turns what end users said about calls into dataset items. A correction
 * (or a suggestion accepted after an edit) becomes an item whose expected output is the user's
 * text; an accepted suggestion becomes a positive example (its output expected as is); a
 * regenerated one a negative example (its output is what the model should not say again).
 * Item ids derive from the feedback, so running it twice adds nothing twice.
 */
import { callText } from "@genchi/core";
import type { Call, CallsQuery, DatasetItemIn, Feedback } from "@genchi/spec";
import type { Store } from "../store/store.js";

export interface FeedbackToDatasetOptions {
  route?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  /** At most this many calls are read per label (default 1,000). */
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

/**
 * Reads the calls with feedback (by label, newest first) and returns one item per usable feedback.
 *
 * @example const items = await feedbackItems(store, projectId, { route: "categorize" }); await store.datasets.addItems(projectId, id, items)
 */
export async function feedbackItems(
  store: Store,
  projectId: string,
  options: FeedbackToDatasetOptions = {},
): Promise<DatasetItemIn[]> {
  const limit = options.limit ?? 1_000;
  const seen = new Set<string>();
  const items: DatasetItemIn[] = [];
  for (const label of ["strong_positive", "positive", "strong_negative"] as const) {
    const query: CallsQuery = {
      label,
      limit: Math.min(limit, 1_000),
      ...(options.route ? { route: options.route } : {}),
      ...(options.since ? { since: options.since } : {}),
      ...(options.until ? { until: options.until } : {}),
    };
    const page = await store.listCalls(projectId, query);
    for (const call of page.data) {
      if (seen.has(call.id)) continue;
      seen.add(call.id);
      for (const f of await store.listFeedbackForCall(projectId, call.id)) {
        const example = exampleOf(f);
        if (example) items.push(itemOf(call, f, example));
      }
    }
  }
  return items;
}
