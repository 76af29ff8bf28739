/** One call or feedback waiting in the client's buffer, and how a batch of them is serialised. */
import { GenchiError } from "@genchi/spec";

export interface BufferedItem {
  type: "call" | "feedback";
  /** What the app passed, by reference: copying it on the hot path would cost more than the rest of `log()`. */
  body: Record<string, unknown>;
  /** The item's id: the app's, or the one `log()` / `feedback()` made and returned. */
  id: string;
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

/**
 * The item as it goes on the wire: the app's object with `id`, `timestamp` (and a call's
 * `source`) filled in — a copy, the app's object is left alone.
 *
 * @example wireBody({ type: "call", body: { input: "hi" }, id: "c1", at: 0 }) // → { input: "hi", id: "c1", timestamp: "1970-01-01T00:00:00.000Z", source: "sdk" }
 */
export function wireBody(item: BufferedItem): Record<string, unknown> {
  const body = item.body;
  const wire: Record<string, unknown> = { ...body, id: item.id };
  if (body["timestamp"] === undefined) wire["timestamp"] = new Date(item.at).toISOString();
  if (item.type === "call" && body["source"] === undefined) wire["source"] = "sdk";
  return wire;
}

/**
 * Serialises a batch once (retries reuse it). An item that cannot be serialised is set aside
 * instead of failing the batch.
 *
 * @example serializeBatch([{ type: "call", body: { input: "hi" }, id: "c1", at: Date.now() }]).json
 */
export function serializeBatch(items: readonly BufferedItem[]): SerializedBatch {
  const calls: BufferedItem[] = [];
  const feedback: BufferedItem[] = [];
  for (const item of items) (item.type === "call" ? calls : feedback).push(item);
  try {
    const json = JSON.stringify({ calls: calls.map(wireBody), feedback: feedback.map(wireBody) });
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
        parts.push(JSON.stringify(wireBody(item)));
        kept.push(item);
      } catch (cause) {
        const message = `${item.type} ${item.id} cannot be sent: ${(cause as Error).message}`;
        unserializable.push({
          item,
          error: new GenchiError(
            "GENCHI_VALIDATION",
            `${message}; keep input, output and metadata JSON-safe`,
            {
              type: item.type,
              id: item.id,
            },
          ),
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
