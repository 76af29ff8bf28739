/**
 * Holdout refresh: samples recent production inputs of a route into a dataset, stratified by
 * cluster (or by a structural key without an embedder), raw (typos kept), near-duplicates
 * removed, each item linked to its call. Seeded: the same calls and seed pick the same items.
 */
import { userText } from "@genchi/core/drift";
import { type Dataset, GenchiError } from "@genchi/spec";
import type { Store } from "../../platform/store/store.js";
import type { Embedder } from "./embedders/embedder.js";
import { semanticStrata, structuralKey } from "./holdout-strata.js";
import { type PickCandidate, stratifiedPick } from "./stratified-pick.js";

export interface RefreshHoldoutOptions {
  route: string;
  /** Items to add (at most). */
  n: number;
  /** ISO date-time: production calls from then on. */
  since: string;
  until?: string | undefined;
  /** Dataset name or id; created when missing. Default `<route>-holdout`. */
  dataset?: string | undefined;
  seed?: number | undefined;
  /** Clusters from this embedder; none (or one that fails) → structural strata. */
  embedder?: Embedder | null | undefined;
  /** Newest calls read at most (default 2,000). */
  scan?: number | undefined;
  /** Levenshtein similarity of normalised texts at which two inputs are one (default 0.9). */
  similarity?: number | undefined;
}

export interface RefreshHoldoutResult {
  dataset: Dataset;
  stratifiedBy: "semantic" | "structural";
  /** Why the strata are structural, when an embedder was asked for and failed. */
  note: string | null;
  scanned: number;
  duplicatesRemoved: number;
  strata: { key: string; calls: number; picked: number }[];
  stored: number;
  alreadyThere: number;
  items: { callId: string; stratum: string }[];
}

/** Texts already in the dataset, so a refresh does not add near-copies of them. */
async function existingTexts(store: Store, projectId: string, datasetId: string): Promise<string[]> {
  const texts: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.datasets.listItems(projectId, datasetId, {
      limit: 1000,
      ...(cursor ? { cursor } : {}),
    });
    for (const item of page.data) if (typeof item.vars.input === "string") texts.push(item.vars.input);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && texts.length < 20_000);
  return texts;
}

async function recentCandidates(store: Store, projectId: string, options: RefreshHoldoutOptions) {
  const scan = options.scan ?? 2_000;
  const calls: { callId: string; text: string; timestamp: string }[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listCalls(projectId, {
      limit: Math.min(1000, scan - calls.length),
      route: options.route,
      since: options.since,
      ...(options.until ? { until: options.until } : {}),
      ...(cursor ? { cursor } : {}),
    });
    for (const call of page.data) {
      const text = userText(call.input);
      if (text.trim() !== "") calls.push({ callId: call.id, text, timestamp: call.timestamp });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor && calls.length < scan);
  return calls;
}

/**
 * @example await refreshHoldout(store, projectId, { route: "categorize", n: 200, since: sinceInstant("7d") })
 */
export async function refreshHoldout(
  store: Store,
  projectId: string,
  options: RefreshHoldoutOptions,
): Promise<RefreshHoldoutResult> {
  if (!Number.isInteger(options.n) || options.n < 1)
    throw new GenchiError("GENCHI_BAD_REQUEST", `n must be a whole number ≥ 1, got ${options.n}`, {
      field: "n",
    });
  const seed = options.seed ?? 1;
  const calls = await recentCandidates(store, projectId, options);
  if (calls.length === 0) {
    const ever = await store.listCalls(projectId, { limit: 1, route: options.route });
    if (ever.data.length === 0)
      throw new GenchiError(
        "GENCHI_NOT_FOUND",
        `unknown route '${options.route}': no call of this project was logged with it; check the route name`,
        { field: "route" },
      );
    throw new GenchiError(
      "GENCHI_BAD_REQUEST",
      `no calls of route '${options.route}' since ${options.since}: widen since`,
      { field: "since" },
    );
  }
  let stratifiedBy: RefreshHoldoutResult["stratifiedBy"] = "structural";
  let note: string | null = null;
  let strata: string[] | undefined;
  if (options.embedder) {
    try {
      strata = await semanticStrata(
        calls.map((c) => c.text),
        options.embedder,
        seed,
      );
      stratifiedBy = "semantic";
    } catch (error) {
      note = `embedder ${options.embedder.id} unavailable (${error instanceof Error ? error.message : String(error)}): stratified by structural key instead`;
    }
  }
  strata ??= calls.map((c) => structuralKey(c.text));
  const candidates: PickCandidate[] = calls.map((c, i) => ({
    callId: c.callId,
    text: c.text,
    stratum: strata[i] as string,
  }));
  const name = options.dataset ?? `${options.route}-holdout`;
  const dataset =
    (await store.datasets.get(projectId, name)) ??
    (
      await store.datasets.ensure(projectId, {
        name,
        route: options.route,
        description: `holdout refreshed from production calls of route ${options.route}`,
      })
    ).dataset;
  const plan = stratifiedPick(candidates, options.n, {
    seed,
    existing: await existingTexts(store, projectId, dataset.id),
    ...(options.similarity !== undefined ? { similarity: options.similarity } : {}),
  });
  const calledAt = new Map(calls.map((c) => [c.callId, c.timestamp]));
  const outcomes =
    plan.picked.length > 0
      ? await store.datasets.addItems(
          projectId,
          dataset.id,
          plan.picked.map((p) => ({
            id: `holdout-${p.callId}`,
            vars: { input: p.text },
            sourceCallId: p.callId,
            metadata: {
              source: "holdout-refresh",
              stratum: p.stratum,
              stratifiedBy,
              calledAt: calledAt.get(p.callId),
            },
          })),
        )
      : [];
  const updated = (await store.datasets.get(projectId, dataset.id)) ?? dataset;
  return {
    dataset: updated,
    stratifiedBy,
    note,
    scanned: calls.length,
    duplicatesRemoved: plan.duplicatesRemoved,
    strata: plan.strata,
    stored: outcomes.filter((o) => o.outcome === "stored").length,
    alreadyThere: outcomes.filter((o) => o.outcome === "duplicate").length,
    items: plan.picked.map((p) => ({ callId: p.callId, stratum: p.stratum })),
  };
}
