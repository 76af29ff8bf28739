/** Server-sent events: the wire format OpenAI and Anthropic stream in. */
import type { SseEvent } from "./dialect.js";

/**
 * One event as it goes on the wire, blank line included.
 *
 * @example formatSse({ data: "[DONE]" }) // → "data: [DONE]\n\n"
 */
export function formatSse(e: SseEvent): string {
  return e.event === undefined ? `data: ${e.data}\n\n` : `event: ${e.event}\ndata: ${e.data}\n\n`;
}

/**
 * Parses an SSE text into events (multi-line `data:` joined with newlines).
 *
 * @example parseSse("event: ping\ndata: {}\n\n") // → [{ event: "ping", data: "{}" }]
 */
export function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  for (const block of text.replace(/\r\n/g, "\n").split(/\n\n+/)) {
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
    }
    if (data.length === 0) continue;
    events.push(event === undefined ? { data: data.join("\n") } : { event, data: data.join("\n") });
  }
  return events;
}
