/**
 * Models seen through the gateway: each requested model with its pinned/floating kind and the
 * models the upstream actually served for it, flagging a change (a silent upstream update).
 */
import { classifyModelId, findPin, type PinRule } from "@genchi/core";
import type { ModelSeen } from "@genchi/spec";
import type { Store } from "../store/store.js";

/**
 * Scans the project's most recent calls (at most `scan`), oldest served model first.
 *
 * @example const models = await modelsSeen(store, projectId, pins)
 */
export async function modelsSeen(
  store: Store,
  projectId: string,
  pins: readonly PinRule[],
  scan = 20_000,
): Promise<ModelSeen[]> {
  const byRequested = new Map<string, ModelSeen>();
  let cursor: string | undefined;
  let seen = 0;
  do {
    const page = await store.listCalls(projectId, { limit: 1000, ...(cursor ? { cursor } : {}) });
    for (const call of page.data) {
      const requested = call.requestedModel ?? call.model;
      if (!requested) continue;
      const key = `${call.provider ?? ""}\u0000${requested}`;
      let entry = byRequested.get(key);
      if (!entry) {
        entry = {
          provider: call.provider,
          requestedModel: requested,
          kind: classifyModelId(requested).kind,
          servedModels: [],
          servedChanged: false,
          pinnedTo: findPin(pins, null, requested)?.pinned ?? null,
        };
        byRequested.set(key, entry);
      }
      const served = call.model ?? requested;
      const slot = entry.servedModels.find((s) => s.model === served);
      // Pages are newest first: each older call pushes firstSeen back.
      if (slot) {
        slot.firstSeen = call.timestamp;
        slot.calls++;
      } else
        entry.servedModels.push({
          model: served,
          firstSeen: call.timestamp,
          lastSeen: call.timestamp,
          calls: 1,
        });
    }
    seen += page.data.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor && seen < scan);
  const out = [...byRequested.values()];
  for (const m of out) {
    m.servedModels.sort((a, b) => a.firstSeen.localeCompare(b.firstSeen));
    m.servedChanged = m.servedModels.length > 1;
  }
  return out.sort((a, b) => a.requestedModel.localeCompare(b.requestedModel));
}
