/**
 * Call sequence numbers: a 64-bit integer that sorts like the call's timestamp.
 * `seq = timestampMs * 1024 + n`, so "newest first", time filters and cursors are all
 * ranges on one index, and full-text matches can be walked newest first and cut at the
 * page size. `n` counts calls within the same millisecond (and is bumped on collision).
 * Only timestamps in spec's accepted range (1970–2200) get a seq: there `seq` is a
 * non-negative safe integer, so `seq + 1` is always a new number.
 */
import { GenchiError, isTimestampInRange } from "@genchi/spec";

export const seqPerMs = 1024;

/** The smallest seq of a millisecond: `since`/`until` filters become seq ranges. */
export function seqFloor(timestampMs: number): number {
  return timestampMs * seqPerMs;
}

/** The millisecond a seq belongs to. */
export function seqToMs(seq: number): number {
  return Math.floor(seq / seqPerMs);
}

/**
 * Hands out seqs that are unique within this process and sort by timestamp. When more than
 * 1024 calls share a millisecond (a burst from one SDK flush), the extra ones spill into the
 * following milliseconds instead of colliding.
 */
export class SeqAllocator {
  private readonly used = new Map<number, number>();
  private readonly salt: number;

  /** @param salt starting offset within a millisecond, so processes sharing a database rarely collide. */
  constructor(salt = Math.floor(Math.random() * 64) * 16) {
    this.salt = salt % seqPerMs;
  }

  /** Throws `GENCHI_VALIDATION` for a timestamp outside 1970–2200 (ingest rejects those first). */
  next(timestampMs: number): number {
    if (!isTimestampInRange(timestampMs)) {
      throw new GenchiError(
        "GENCHI_VALIDATION",
        `timestamp ${timestampMs} ms is outside 1970-01-01..2200-01-01; it cannot be stored`,
      );
    }
    let ms = timestampMs;
    for (;;) {
      const n = this.used.get(ms) ?? this.salt;
      if (n < seqPerMs) {
        this.used.set(ms, n + 1);
        if (this.used.size > 50_000) this.forgetOldest();
        return ms * seqPerMs + n;
      }
      ms += 1;
    }
  }

  private forgetOldest(): void {
    let i = 0;
    for (const key of this.used.keys()) {
      this.used.delete(key);
      if (++i >= 25_000) return;
    }
  }
}

/** Cursors are opaque to clients: base64url of the last seq seen. */
export function encodeCursor(seq: number): string {
  return Buffer.from(String(seq)).toString("base64url");
}

/**
 * The seq a cursor stands for; a cursor genchi did not give out is a 400, never silently
 * ignored (ignoring it would restart the listing at the newest call, and paging would loop).
 *
 * @example decodeCursor(encodeCursor(42)) // → 42
 */
export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, "base64url").toString();
  const seq = /^\d{1,16}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(seq)) {
    throw new GenchiError(
      "GENCHI_VALIDATION",
      "cursor: not a cursor genchi gave out; pass the previous page's nextCursor unchanged",
      { field: "cursor" },
    );
  }
  return seq;
}
