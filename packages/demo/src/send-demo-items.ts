/**
 * Sends demo traffic to a running genchi through the real ingest API over HTTP, the way
 * an SDK does: batches of calls with their feedback, a few in flight, progress reported.
 */
import type { DemoItem } from "./data/traffic.js";
import { demoRequest } from "./demo-request.js";

export interface SendOptions {
  url: string;
  key: string;
  /** Calls per request (default 500). */
  batchSize?: number;
  /** Requests in flight (default 2). */
  concurrency?: number;
  onProgress?: (sentCalls: number) => void;
}

export interface SendResult {
  calls: number;
  feedback: number;
  rejected: number;
}

/**
 * @example await sendDemoItems(demoTraffic({ calls: 2000, seed: 1, nowMs }), { url, key })
 */
export async function sendDemoItems(items: Iterable<DemoItem>, options: SendOptions): Promise<SendResult> {
  const batchSize = options.batchSize ?? 500;
  const iterator = items[Symbol.iterator]();
  const result: SendResult = { calls: 0, feedback: 0, rejected: 0 };
  let sent = 0;
  const nextBatch = (): DemoItem[] => {
    const batch: DemoItem[] = [];
    while (batch.length < batchSize) {
      const r = iterator.next();
      if (r.done) break;
      batch.push(r.value);
    }
    return batch;
  };
  const worker = async () => {
    for (let batch = nextBatch(); batch.length > 0; batch = nextBatch()) {
      const body = { calls: batch.map((i) => i.call), feedback: batch.flatMap((i) => i.feedback) };
      const answer = await demoRequest(options, "demo", (api) => api.ingest.batch({ body }));
      result.rejected += answer.rejected;
      result.calls += answer.results.filter((r) => r.type === "call" && r.status !== "rejected").length;
      result.feedback += answer.results.filter(
        (r) => r.type === "feedback" && r.status !== "rejected",
      ).length;
      sent += batch.length;
      options.onProgress?.(sent);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 2 }, worker));
  return result;
}
