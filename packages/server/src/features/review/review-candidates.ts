/**
 * The calls a day's review sample is drawn from: the project's recent calls (newest first,
 * bounded), each with its most negative feedback label, found through the calls index.
 */
import type { ReviewCandidate } from "@genchi/core";
import type { Call, FeedbackLabel } from "@genchi/spec";
import type { Store } from "../../platform/store/store.js";

/** At most this many recent calls are considered per queue build. */
export const maxReviewCandidates = 5000;

const candidateOf = (c: Call, label: FeedbackLabel | null): ReviewCandidate => ({
  id: c.id,
  route: c.route,
  model: c.model ?? c.requestedModel,
  feedbackLabel: label,
});

/**
 * @example await reviewCandidates(store, projectId, { since: new Date(Date.now() - 7 * 864e5) })
 */
export async function reviewCandidates(
  store: Store,
  projectId: string,
  options: { since: Date; route?: string },
): Promise<ReviewCandidate[]> {
  const since = options.since.toISOString();
  const route = options.route !== undefined ? { route: options.route } : {};
  const byId = new Map<string, ReviewCandidate>();
  for (const label of ["strong_negative", "negative"] as const) {
    const page = await store.listCalls(projectId, { limit: 1000, since, label, ...route });
    for (const c of page.data) if (!byId.has(c.id)) byId.set(c.id, candidateOf(c, label));
  }
  let cursor: string | undefined;
  do {
    const page = await store.listCalls(projectId, {
      limit: 1000,
      since,
      ...route,
      ...(cursor !== undefined ? { cursor } : {}),
    });
    for (const c of page.data) if (!byId.has(c.id)) byId.set(c.id, candidateOf(c, null));
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && byId.size < maxReviewCandidates);
  return [...byId.values()];
}
