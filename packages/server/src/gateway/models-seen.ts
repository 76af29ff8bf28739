/**
 * Models seen through the gateway: each requested model with its pinned/floating kind and the
 * models the upstream actually served for it, flagging a change (a silent upstream update).
 */
import { classifyModelId, findPin, type PinRule } from "@genchi/core";
import type { ModelSeen } from "@genchi/spec";
import { seqFloor } from "../store/call-seq.js";
import type { Store } from "../store/store.js";

const dayMs = 86_400_000;

/**
 * Groups the project's calls of the last `days` days by requested and served model, one day per
 * query (newest first), yielding between queries so a large project never holds the event loop.
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
  const byRequested = new Map<
    string,
    ModelSeen & { firstMs: Map<string, number>; lastMs: Map<string, number> }
  >();
  for (let day = 0; day < days; day++) {
    const to = nowMs - day * dayMs + (day === 0 ? dayMs : 0); // the newest window also takes calls stamped ahead
    const from = nowMs - (day + 1) * dayMs;
    const rows = await store.models.modelUsage(projectId, seqFloor(from), seqFloor(to));
    for (const row of rows) {
      const key = `${row.provider ?? ""}\u0000${row.requestedModel}`;
      let entry = byRequested.get(key);
      if (!entry) {
        entry = {
          provider: row.provider,
          requestedModel: row.requestedModel,
          kind: classifyModelId(row.requestedModel).kind,
          servedModels: [],
          servedChanged: false,
          pinnedTo: findPin(pins, null, row.requestedModel)?.pinned ?? null,
          routes: [],
          firstMs: new Map(),
          lastMs: new Map(),
        };
        byRequested.set(key, entry);
      }
      const onRoute = entry.routes.find((r) => r.route === row.route);
      if (onRoute) onRoute.calls += row.calls;
      else entry.routes.push({ route: row.route, calls: row.calls });
      const slot = entry.servedModels.find((m) => m.model === row.servedModel);
      if (slot) slot.calls += row.calls;
      else entry.servedModels.push({ model: row.servedModel, firstSeen: "", lastSeen: "", calls: row.calls });
      const first = entry.firstMs.get(row.servedModel);
      if (first === undefined || row.firstMs < first) entry.firstMs.set(row.servedModel, row.firstMs);
      const last = entry.lastMs.get(row.servedModel);
      if (last === undefined || row.lastMs > last) entry.lastMs.set(row.servedModel, row.lastMs);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  const out: ModelSeen[] = [];
  for (const { firstMs, lastMs, ...m } of byRequested.values()) {
    for (const s of m.servedModels) {
      s.firstSeen = new Date(firstMs.get(s.model) ?? 0).toISOString();
      s.lastSeen = new Date(lastMs.get(s.model) ?? 0).toISOString();
    }
    m.servedModels.sort((a, b) => a.firstSeen.localeCompare(b.firstSeen));
    m.servedChanged = m.servedModels.length > 1;
    m.routes.sort((a, b) => b.calls - a.calls);
    out.push(m);
  }
  return out.sort((a, b) => a.requestedModel.localeCompare(b.requestedModel));
}
