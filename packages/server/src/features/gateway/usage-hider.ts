/**
 * Hides, from a client that did not ask for usage, what genchi's own `stream_options.include_usage`
 * adds to an OpenAI chat stream: the `"usage":null` field of every chunk and the final
 * usage-only chunk. The client receives the stream it would have had without genchi.
 *
 * Chunks that hold whole events are filtered as bytes (the usual case: one event per chunk);
 * anything else goes through an SSE splitter, event by event.
 */
import { SseSplitter } from "./sse-splitter.js";

const usageNull = Buffer.from(',"usage":null');
const noChoices = Buffer.from('"choices":[]');

/** True when a chunk ends at an SSE event boundary (a blank line). */
function endsEvent(chunk: Buffer): boolean {
  const n = chunk.length;
  if (n < 2 || chunk[n - 1] !== 0x0a) return false;
  return chunk[n - 2] === 0x0a || (n >= 3 && chunk[n - 2] === 0x0d && chunk[n - 3] === 0x0a);
}

/** The chunk without its `,"usage":null` byte runs (JSON strings escape quotes, so none is inside one). */
function withoutUsageNull(chunk: Buffer): Buffer {
  let at = chunk.indexOf(usageNull);
  if (at === -1) return chunk;
  const parts: Buffer[] = [];
  let from = 0;
  while (at !== -1) {
    parts.push(chunk.subarray(from, at));
    from = at + usageNull.length;
    at = chunk.indexOf(usageNull, from);
  }
  parts.push(chunk.subarray(from));
  return Buffer.concat(parts);
}

/** One event as the client should see it; null drops it (the usage-only chunk). */
function hideUsage(raw: string, data: string): string | null {
  if (data.includes('"choices":[]') && data.includes('"usage":{')) return null;
  return raw.replaceAll(',"usage":null', "");
}

/**
 * @example const hider = new UsageHider(); res.write(hider.push(chunk)); … res.end(hider.flush())
 */
export class UsageHider {
  private readonly splitter = new SseSplitter();
  /** Whether everything pushed so far ended at an event boundary (the splitter holds nothing). */
  private atEvent = true;

  /** What to relay for a chunk from upstream (may be empty while an event is incomplete). */
  push(chunk: Buffer): Buffer | string {
    const whole = endsEvent(chunk);
    if (this.atEvent && whole && chunk.indexOf(noChoices) === -1) return withoutUsageNull(chunk);
    this.atEvent = whole;
    let out = "";
    for (const e of this.splitter.push(chunk)) out += hideUsage(e.raw, e.data) ?? "";
    return out;
  }

  /** What is left at the end of the stream (an unterminated last event). */
  flush(): string {
    let out = "";
    for (const e of this.splitter.flush()) out += hideUsage(e.raw, e.data) ?? "";
    return out;
  }
}
