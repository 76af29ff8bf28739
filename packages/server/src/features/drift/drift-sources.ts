/**
 * Where the API's drift report gets its two sides: a stored dataset's items (the baseline)
 * and a window of production calls (route, since, until; newest first up to a limit).
 */
import { type DatasetItem, GenchiError } from "@genchi/spec";
import type { Store } from "../../platform/store/store.js";
import type { DriftRecord } from "./read-drift-file.js";

/**
 * A dataset item as a call: its `input` var (else its string vars joined by newlines) and its
 * expected output when that is a string.
 */
export function itemRecord(item: DatasetItem): DriftRecord {
  const { vars } = item;
  const input =
    typeof vars.input === "string"
      ? vars.input
      : Object.values(vars)
          .filter((v): v is string => typeof v === "string")
          .join("\n");
  return { input, output: typeof item.expected === "string" ? item.expected : undefined };
}

/** Every item of a project's dataset (by id or name), as calls. */
export async function datasetRecords(
  store: Store,
  projectId: string,
  idOrName: string,
): Promise<DriftRecord[]> {
  const dataset = await store.datasets.get(projectId, idOrName);
  if (!dataset) throw new GenchiError("GENCHI_NOT_FOUND", `no dataset '${idOrName}' in this project`);
  const records: DriftRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.datasets.listItems(projectId, dataset.id, {
      limit: 1000,
      ...(cursor ? { cursor } : {}),
    });
    records.push(...page.data.map(itemRecord));
    cursor = page.nextCursor ?? undefined;
  } while (cursor && records.length < 50_000);
  if (records.length === 0) throw new GenchiError("GENCHI_BAD_REQUEST", `dataset '${idOrName}' has no items`);
  return records;
}

export interface CallWindow {
  route?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  limit: number;
}

/** Production calls in a window, newest first, up to `limit`; calls that errored are left out. */
export async function windowRecords(
  store: Store,
  projectId: string,
  window: CallWindow,
): Promise<DriftRecord[]> {
  const records: DriftRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listCalls(projectId, {
      limit: Math.min(1000, window.limit - records.length),
      ...(window.route ? { route: window.route } : {}),
      ...(window.since ? { since: window.since } : {}),
      ...(window.until ? { until: window.until } : {}),
      ...(cursor ? { cursor } : {}),
    });
    for (const call of page.data)
      if (call.status === "ok") records.push({ input: call.input, output: call.output ?? undefined });
    cursor = page.nextCursor ?? undefined;
  } while (cursor && records.length < window.limit);
  if (records.length === 0)
    throw new GenchiError(
      "GENCHI_BAD_REQUEST",
      `no production calls in the window${window.route ? ` of route '${window.route}'` : ""}: widen since/until or check the route`,
    );
  return records;
}
