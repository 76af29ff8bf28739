/** Every request that reaches the scripted upstream, recorded so tests can assert on it. */
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";

export interface RecordedRequest {
  method: string;
  /** The path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  query: Record<string, string>;
  /** Lower-cased header names, as Node gives them. */
  headers: IncomingHttpHeaders;
  /** The parsed JSON body; `undefined` when the body is empty or not JSON. */
  body: unknown;
  rawBody: string;
  /** `Date.now()` when the request arrived. */
  receivedAt: number;
}

/**
 * Reads a request's body and records it.
 *
 * @example const recorded = await readRecordedRequest(req); recorded.body // → { model: "gpt-4o-mini", … }
 */
export async function readRecordedRequest(req: IncomingMessage): Promise<RecordedRequest> {
  const receivedAt = Date.now();
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const rawBody = Buffer.concat(chunks).toString("utf8");
  const url = new URL(req.url ?? "/", "http://scripted.invalid");
  let body: unknown;
  if (rawBody.length > 0) {
    try {
      body = JSON.parse(rawBody);
    } catch {
      body = undefined;
    }
  }
  return {
    method: req.method ?? "GET",
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: req.headers,
    body,
    rawBody,
    receivedAt,
  };
}
