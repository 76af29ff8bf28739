/**
 * A small genchi ingest endpoint for SDK tests, over real HTTP: stores calls and feedback by
 * id (so retries show up as duplicates, never twice), answers 207 with per-item results, and
 * can be scripted to fail, throttle, reject items or answer slowly.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

type Item = Record<string, unknown>;

export interface ReceivedBatch {
  headers: IncomingHttpHeaders;
  body: { calls?: Item[]; feedback?: Item[] };
  receivedAt: number;
  status: number;
}

export interface Failure {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Store the batch first, then fail: the response is lost, the data is not. */
  afterStoring?: boolean;
}

export interface IngestReceiver {
  url: string;
  batches: ReceivedBatch[];
  /** Stored calls by id. */
  calls: Map<string, Item>;
  feedback: Map<string, Item>;
  /** The next requests fail like this, in order. */
  fail(...failures: Failure[]): void;
  /** Items for which this returns a message are rejected. */
  reject(predicate: (item: Item, type: "call" | "feedback") => string | undefined): void;
  /** Answer every request this much later. */
  delay(ms: number): void;
  close(): Promise<void>;
}

export async function startIngestReceiver(): Promise<IngestReceiver> {
  const batches: ReceivedBatch[] = [];
  const calls = new Map<string, Item>();
  const feedback = new Map<string, Item>();
  const failures: Failure[] = [];
  let rejectWith: (item: Item, type: "call" | "feedback") => string | undefined = () => undefined;
  let delayMs = 0;

  const store = (body: ReceivedBatch["body"]) => {
    const results: Item[] = [];
    let stored = 0;
    let duplicates = 0;
    let rejected = 0;
    for (const [type, list, into] of [
      ["call", body.calls ?? [], calls],
      ["feedback", body.feedback ?? [], feedback],
    ] as const) {
      list.forEach((item, index) => {
        const problem = rejectWith(item, type);
        const id = String(item["id"]);
        if (problem !== undefined) {
          rejected++;
          results.push({
            type,
            index,
            status: "rejected",
            error: { code: "GENCHI_VALIDATION", message: problem, field: "input" },
          });
        } else if (into.has(id)) {
          duplicates++;
          results.push({ type, index, status: "duplicate", id });
        } else {
          stored++;
          into.set(id, item);
          results.push({ type, index, status: "stored", id });
        }
      });
    }
    return { results, stored, duplicates, rejected };
  };

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as ReceivedBatch["body"];
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    const failure = failures.shift();
    const batch: ReceivedBatch = {
      headers: req.headers,
      body,
      receivedAt: Date.now(),
      status: failure?.status ?? 207,
    };
    batches.push(batch);
    if (failure) {
      if (failure.afterStoring) store(body);
      res.writeHead(failure.status, { "content-type": "application/json", ...failure.headers });
      res.end(
        JSON.stringify(failure.body ?? { error: { code: "GENCHI_INTERNAL", message: "scripted failure" } }),
      );
      return;
    }
    res.writeHead(207, { "content-type": "application/json" });
    res.end(JSON.stringify(store(body)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    batches,
    calls,
    feedback,
    fail: (...f) => failures.push(...f),
    reject: (predicate) => {
      rejectWith = predicate;
    },
    delay: (ms) => {
      delayMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Waits until `check` holds (polling), or fails after `timeoutMs` (generous: a busy machine is slow). */
export async function until(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 5));
  }
}
