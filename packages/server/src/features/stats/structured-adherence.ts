/**
 * Structured-output adherence per route: reads the final attempts of `generateObject`
 * generations (calls tagged `genchi:structured`, their outcome in `metadata.structured`) in a
 * time range and counts first-try successes, successes after re-asks and failures.
 */
import { type Adherence, type AdherenceRow, structuredFinalTag } from "@genchi/spec";
import type { Store } from "../../platform/store/store.js";

/** Pages read at most (1000 calls each): a bound on the work of one request. */
const maxPages = 200;

type Counts = Pick<AdherenceRow, "firstTry" | "afterRetries" | "failed" | "errors">;

function row(route: string | null, c: Counts): AdherenceRow {
  const judged = c.firstTry + c.afterRetries + c.failed;
  return {
    route,
    ...c,
    rate: judged === 0 ? null : (c.firstTry + c.afterRetries) / judged,
    firstTryRate: judged === 0 ? null : c.firstTry / judged,
  };
}

const field: Record<string, keyof Counts> = {
  first_try: "firstTry",
  after_retries: "afterRetries",
  failed: "failed",
  error: "errors",
};

/**
 * @example await structuredAdherence(store, projectId, { sinceMs, untilMs }) // → { routes: [...], total: {...} }
 */
export async function structuredAdherence(
  store: Store,
  projectId: string,
  range: { sinceMs: number; untilMs: number; route?: string | undefined },
): Promise<Adherence> {
  const byRoute = new Map<string | null, Counts>();
  const total: Counts = { firstTry: 0, afterRetries: 0, failed: 0, errors: 0 };
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const result = await store.listCalls(projectId, {
      limit: 1000,
      tag: structuredFinalTag,
      since: new Date(range.sinceMs).toISOString(),
      until: new Date(range.untilMs).toISOString(),
      ...(range.route !== undefined ? { route: range.route } : {}),
      ...(cursor ? { cursor } : {}),
    });
    for (const call of result.data) {
      const outcome = (call.metadata["structured"] as { outcome?: unknown } | undefined)?.outcome;
      const key = typeof outcome === "string" ? field[outcome] : undefined;
      if (!key) continue;
      let counts = byRoute.get(call.route);
      if (!counts) {
        counts = { firstTry: 0, afterRetries: 0, failed: 0, errors: 0 };
        byRoute.set(call.route, counts);
      }
      counts[key]++;
      total[key]++;
    }
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  const routes = [...byRoute]
    .map(([route, counts]) => row(route, counts))
    .sort((a, b) => b.firstTry + b.afterRetries + b.failed - (a.firstTry + a.afterRetries + a.failed));
  return { routes, total: row(null, total) };
}
