/** Writing replies: JSON bodies, and SSE streams with per-chunk latency and mid-stream cuts. */
import type { ServerResponse } from "node:http";
import { formatSse, type SseEvent } from "./sse-events.js";

export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/** @example sendJson(res, 200, { ok: true }) */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

export interface StreamTiming {
  chunkDelayMs: number;
  /** Destroy the socket after this many events. */
  cutAfterChunks: number | undefined;
}

function write(res: ServerResponse, text: string): Promise<void> {
  return new Promise((resolve) => res.write(text, () => resolve()));
}

/**
 * Streams events as `text/event-stream`; stops quietly if the client goes away.
 *
 * @example await sendSse(res, [{ data: "[DONE]" }], { chunkDelayMs: 0, cutAfterChunks: undefined })
 */
export async function sendSse(
  res: ServerResponse,
  events: readonly SseEvent[],
  timing: StreamTiming,
  headers: Record<string, string> = {},
): Promise<void> {
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    connection: "keep-alive",
    ...headers,
  });
  res.flushHeaders();
  for (let i = 0; i < events.length; i++) {
    if (timing.cutAfterChunks !== undefined && i >= timing.cutAfterChunks) {
      res.destroy();
      return;
    }
    if (i > 0) await sleep(timing.chunkDelayMs);
    if (res.destroyed) return;
    await write(res, formatSse(events[i]!));
  }
  res.end();
}
