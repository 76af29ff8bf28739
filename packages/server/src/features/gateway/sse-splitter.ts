/**
 * Splits a server-sent-events byte stream into whole events as chunks arrive, keeping each
 * event's raw text (so it can be relayed unchanged) and its parsed `event`/`data` fields.
 */
import { StringDecoder } from "node:string_decoder";

export interface RawSseEvent {
  /** The event's text including its terminating blank line, exactly as received. */
  raw: string;
  event: string | null;
  data: string;
}

const boundary = /\r?\n\r?\n/;

/** Parses one raw SSE block into its event name and joined data lines. */
export function parseSseBlock(raw: string): RawSseEvent {
  let event: string | null = null;
  const data: string[] = [];
  for (const line of raw.split(/\r?\n/)) {
    if (line.startsWith("data:")) data.push(line.slice(line.charAt(5) === " " ? 6 : 5));
    else if (line.startsWith("event:")) event = line.slice(line.charAt(6) === " " ? 7 : 6);
  }
  return { raw, event, data: data.join("\n") };
}

/**
 * @example const s = new SseSplitter(); s.push(Buffer.from("data: 1\n\ndata: 2")) // → [{ data: "1", … }]
 */
export class SseSplitter {
  private readonly decoder = new StringDecoder("utf8");
  private pending = "";

  /** Feeds a chunk; returns the events it completed. */
  push(chunk: Buffer): RawSseEvent[] {
    this.pending += this.decoder.write(chunk);
    const events: RawSseEvent[] = [];
    for (;;) {
      const match = boundary.exec(this.pending);
      if (!match) break;
      const end = match.index + match[0].length;
      events.push(parseSseBlock(this.pending.slice(0, end)));
      this.pending = this.pending.slice(end);
    }
    return events;
  }

  /** What is left at the end of the stream (an unterminated last event), if anything. */
  flush(): RawSseEvent[] {
    this.pending += this.decoder.end();
    const rest = this.pending;
    this.pending = "";
    return rest.trim().length > 0 ? [parseSseBlock(rest)] : [];
  }
}
