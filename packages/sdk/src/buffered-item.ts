/** One call or feedback waiting in the client's buffer, and how a batch of them is serialised. */
import { GenchiError } from "@genchi/spec";

export interface BufferedItem {
  type: "call" | "feedback";
  /** A shallow copy of what the app passed, with `id` set. */
  body: Record<string, unknown>;
  /** `Date.now()` when it was buffered: the default timestamp, formatted only at send time. */
  at: number;
}

export interface SerializedBatch {
  /** The ingest body `{"calls":[…],"feedback":[…]}`. */
  json: string;
  /** The items in `calls` order and `feedback` order, to map per-item results back. */
  calls: BufferedItem[];
  feedback: BufferedItem[];
  /** Items JSON could not hold (cycles, BigInt); left out of `json`. */
  unserializable: Array<{ item: BufferedItem; error: GenchiError }>;
}

function fillTimestamp(item: BufferedItem): void {
  if (item.body["timestamp"] === undefined) item.body["timestamp"] = new Date(item.at).toISOString();
}

/**
 * Serialises a batch once (retries reuse it). An item that cannot be serialised is set aside
 * instead of failing the batch.
 *
 * @example serializeBatch([{ type: "call", body: { id: "c1", input: "hi" }, at: Date.now() }]).json
 */
export function serializeBatch(items: readonly BufferedItem[]): SerializedBatch {
  const calls: BufferedItem[] = [];
  const feedback: BufferedItem[] = [];
  for (const item of items) {
    fillTimestamp(item);
    (item.type === "call" ? calls : feedback).push(item);
  }
  try {
    const json = JSON.stringify({ calls: calls.map((i) => i.body), feedback: feedback.map((i) => i.body) });
    return { json, calls, feedback, unserializable: [] };
  } catch {
    return serializeOneByOne(calls, feedback);
  }
}

function serializeOneByOne(calls: BufferedItem[], feedback: BufferedItem[]): SerializedBatch {
  const unserializable: SerializedBatch["unserializable"] = [];
  const keep = (list: BufferedItem[]) => {
    const kept: BufferedItem[] = [];
    const parts: string[] = [];
    for (const item of list) {
      try {
        parts.push(JSON.stringify(item.body));
        kept.push(item);
      } catch (cause) {
        const message = `${item.type} ${String(item.body["id"])} cannot be sent: ${(cause as Error).message}`;
        unserializable.push({
          item,
          error: new GenchiError("GENCHI_VALIDATION", `${message}; keep input, output and metadata JSON-safe`, {
            type: item.type,
            id: item.body["id"],
          }),
        });
      }
    }
    return { kept, parts };
  };
  const c = keep(calls);
  const f = keep(feedback);
  const json = `{"calls":[${c.parts.join(",")}],"feedback":[${f.parts.join(",")}]}`;
  return { json, calls: c.kept, feedback: f.kept, unserializable };
}
