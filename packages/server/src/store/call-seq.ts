/**
 * Call sequence numbers: a 64-bit integer that sorts like the call's timestamp.
 * `seq = timestampMs * 1024 + n`, so "newest first", time filters and cursors are all
 * ranges on one index, and full-text matches can be walked newest first and cut at the
 * page size. `n` counts calls within the same millisecond (and is bumped on collision).
 */

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

  next(timestampMs: number): number {
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

export function decodeCursor(cursor: string): number | null {
  const seq = Number(Buffer.from(cursor, "base64url").toString());
  return Number.isSafeInteger(seq) && seq >= 0 ? seq : null;
}
