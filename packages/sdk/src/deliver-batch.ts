/**
 * Delivers one batch: serialise once, send, retry network errors / 5xx / 429 with backoff
 * (honouring `retry-after`), split on 413, and report every item as sent or failed.
 * Retrying is safe: ingest is idempotent on `id`.
 */
import { GenchiError, type IngestItemResult } from "@genchi/spec";
import { type BufferedItem, serializeBatch } from "./buffered-item.js";
import type { ResolvedGenchiOptions } from "./genchi-options.js";
import { postIngest } from "./post-ingest.js";
import { backoffMs } from "./retry-delay.js";

export interface DeliveryHooks {
  sent(count: number): void;
  /** `count` items failed for good; `error` says why. */
  failed(count: number, error: GenchiError): void;
  retried(): void;
  sleep(ms: number): Promise<void>;
}

function reportResults(body: unknown, calls: BufferedItem[], feedback: BufferedItem[], hooks: DeliveryHooks) {
  const results = (body as { results?: IngestItemResult[] } | undefined)?.results;
  let rejected = 0;
  for (const r of Array.isArray(results) ? results : []) {
    if (r?.status !== "rejected") continue;
    const item = (r.type === "feedback" ? feedback : calls)[r.index];
    rejected++;
    const what = `${r.type} ${item?.id ?? `#${r.index}`}`;
    hooks.failed(
      1,
      new GenchiError(
        r.error?.code ?? "GENCHI_VALIDATION",
        `genchi rejected ${what}: ${r.error?.message ?? "invalid"}`,
        {
          type: r.type,
          index: r.index,
          id: item?.id,
          ...(r.error?.field ? { field: r.error.field } : {}),
        },
      ),
    );
  }
  const total = calls.length + feedback.length;
  if (total > rejected) hooks.sent(total - rejected);
}

/**
 * @example await deliverBatch(items, config, { sent, failed, retried, sleep })
 */
export async function deliverBatch(
  items: BufferedItem[],
  config: ResolvedGenchiOptions,
  hooks: DeliveryHooks,
): Promise<void> {
  const batch = serializeBatch(items);
  for (const { error } of batch.unserializable) hooks.failed(1, error);
  const count = batch.calls.length + batch.feedback.length;
  if (count === 0) return;
  for (let attempt = 0; ; attempt++) {
    const outcome = await postIngest(batch.json, config);
    if (outcome.type === "ok") return reportResults(outcome.body, batch.calls, batch.feedback, hooks);
    if (outcome.type === "fatal") {
      if (outcome.status === 413 && count > 1) {
        const kept = [...batch.calls, ...batch.feedback];
        const half = Math.ceil(kept.length / 2);
        await deliverBatch(kept.slice(0, half), config, hooks);
        return deliverBatch(kept.slice(half), config, hooks);
      }
      return hooks.failed(count, new GenchiError(outcome.code, outcome.message, { items: count }));
    }
    if (attempt >= config.maxRetries) {
      const message = `could not deliver ${count} item(s) to ${config.ingestUrl} after ${attempt + 1} attempt(s): ${outcome.reason}`;
      return hooks.failed(count, new GenchiError("GENCHI_UPSTREAM", message, { items: count }));
    }
    hooks.retried();
    const backoff = backoffMs(attempt, config.retryBaseMs, config.retryMaxMs);
    await hooks.sleep(Math.min(config.retryMaxMs, outcome.waitMs ?? backoff));
  }
}
