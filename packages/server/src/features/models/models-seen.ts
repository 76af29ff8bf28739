/**
 * Models seen: each requested model with its pinned/floating kind and the models actually served
 * for it, per source, flagging a change within one source and provider (a silent upstream update).
 * Calls logged through the SDK, REST or OTLP are not compared with gateway calls: each reports the
 * served model its own way.
 */
import { classifyModelId, findPin, type PinRule } from "@genchi/core";
import type { ModelSeen, ServedChange } from "@genchi/spec";
import { seqFloor } from "../../platform/store/call-seq.js";
import type { Store } from "../../platform/store/store.js";
import type { ModelUsageRow } from "./store/model-store.js";

const dayMs = 86_400_000;

/** One served model of one source, with the span of time it was seen. */
interface Served {
  model: string;
  source: string;
  firstMs: number;
  lastMs: number;
  calls: number;
}

/**
 * The latest change of served model within one source: per source, the two served models first
 * seen last; of those, the change that happened last. Null when each source saw one model only.
 *
 * @example latestServedChange([{ model: "a", source: "gateway", firstMs: 1, … }, { model: "b", source: "gateway", firstMs: 2, … }]) // → { source: "gateway", from: "a", to: "b", at: … }
 */
export function latestServedChange(served: readonly Served[]): ServedChange | null {
  const bySource = new Map<string, Served[]>();
  for (const s of served) {
    const list = bySource.get(s.source);
    if (list) list.push(s);
    else bySource.set(s.source, [s]);
  }
  let latest: { change: ServedChange; atMs: number } | null = null;
  for (const [source, list] of bySource) {
    if (list.length < 2) continue;
    const sorted = [...list].sort((a, b) => a.firstMs - b.firstMs || a.model.localeCompare(b.model));
    const to = sorted[sorted.length - 1]!;
    const from = sorted[sorted.length - 2]!;
    if (!latest || to.firstMs > latest.atMs) {
      latest = {
        change: { source, from: from.model, to: to.model, at: new Date(to.firstMs).toISOString() },
        atMs: to.firstMs,
      };
    }
  }
  return latest?.change ?? null;
}

interface Entry {
  provider: string | null;
  requestedModel: string;
  served: Map<string, Served>;
  routes: Map<string | null, number>;
  pinWarnings: number;
}

/**
 * Folds usage rows into one entry per (provider, requested model). Rows without a provider join
 * the requested model's entry when exactly one provider is known for it (an SDK or REST call that
 * did not say), instead of standing apart as a second, provider-less entry.
 */
export function foldModelUsage(rows: readonly ModelUsageRow[], pins: readonly PinRule[]): ModelSeen[] {
  const providers = new Map<string, Set<string>>();
  for (const row of rows) {
    if (row.provider === null) continue;
    const set = providers.get(row.requestedModel) ?? new Set<string>();
    set.add(row.provider);
    providers.set(row.requestedModel, set);
  }
  const entries = new Map<string, Entry>();
  for (const row of rows) {
    const known = providers.get(row.requestedModel);
    const provider = row.provider ?? (known?.size === 1 ? [...known][0]! : null);
    const key = `${provider ?? ""}\u0000${row.requestedModel}`;
    let entry = entries.get(key);
    if (!entry) {
      entry = {
        provider,
        requestedModel: row.requestedModel,
        served: new Map(),
        routes: new Map(),
        pinWarnings: 0,
      };
      entries.set(key, entry);
    }
    entry.routes.set(row.route, (entry.routes.get(row.route) ?? 0) + row.calls);
    entry.pinWarnings += row.pinWarnings;
    const servedKey = `${row.source}\u0000${row.servedModel}`;
    const served = entry.served.get(servedKey);
    if (served) {
      served.calls += row.calls;
      served.firstMs = Math.min(served.firstMs, row.firstMs);
      served.lastMs = Math.max(served.lastMs, row.lastMs);
    } else {
      entry.served.set(servedKey, {
        model: row.servedModel,
        source: row.source,
        firstMs: row.firstMs,
        lastMs: row.lastMs,
        calls: row.calls,
      });
    }
  }
  const out: ModelSeen[] = [];
  for (const entry of entries.values()) {
    const served = [...entry.served.values()].sort(
      (a, b) => a.firstMs - b.firstMs || a.model.localeCompare(b.model) || a.source.localeCompare(b.source),
    );
    const change = latestServedChange(served);
    out.push({
      provider: entry.provider,
      requestedModel: entry.requestedModel,
      kind: classifyModelId(entry.requestedModel).kind,
      servedModels: served.map((s) => ({
        model: s.model,
        source: s.source,
        firstSeen: new Date(s.firstMs).toISOString(),
        lastSeen: new Date(s.lastMs).toISOString(),
        calls: s.calls,
      })),
      servedChanged: change !== null,
      servedChange: change,
      pinWarnings: entry.pinWarnings,
      pinnedTo: findPin(pins, null, entry.requestedModel)?.pinned ?? null,
      routes: [...entry.routes].map(([route, calls]) => ({ route, calls })).sort((a, b) => b.calls - a.calls),
    });
  }
  return out.sort(
    (a, b) =>
      a.requestedModel.localeCompare(b.requestedModel) || (a.provider ?? "").localeCompare(b.provider ?? ""),
  );
}

/**
 * The project's models of the last `days` days, read one day per query (newest first), yielding
 * between queries so a large project never holds the event loop.
 *
 * @example const models = await modelsSeen(store, projectId, pins)
 */
export async function modelsSeen(
  store: Store,
  projectId: string,
  pins: readonly PinRule[],
  days = 30,
  nowMs = Date.now(),
): Promise<ModelSeen[]> {
  const rows: ModelUsageRow[] = [];
  for (let day = 0; day < days; day++) {
    const to = nowMs - day * dayMs + (day === 0 ? dayMs : 0); // the newest window also takes calls stamped ahead
    const from = nowMs - (day + 1) * dayMs;
    rows.push(...(await store.models.modelUsage(projectId, seqFloor(from), seqFloor(to))));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return foldModelUsage(rows, pins);
}
