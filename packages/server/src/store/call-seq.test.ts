import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, SeqAllocator, seqPerMs, seqToMs } from "./call-seq.js";

describe("SeqAllocator", () => {
  it("gives unique seqs that sort like their timestamps", () => {
    const seqs = new SeqAllocator(0);
    const a = seqs.next(1000);
    const b = seqs.next(1000);
    const c = seqs.next(999);
    expect(b).toBe(a + 1);
    expect(c).toBeLessThan(a);
    expect(seqToMs(a)).toBe(1000);
  });

  it("spills a burst larger than a millisecond holds into the next ones, never repeating", () => {
    const seqs = new SeqAllocator(0);
    const burst = Array.from({ length: 5000 }, () => seqs.next(2000));
    expect(new Set(burst).size).toBe(5000);
    expect(burst).toEqual([...burst].sort((x, y) => x - y));
    expect(seqToMs(burst.at(-1)!)).toBe(2000 + Math.floor(4999 / seqPerMs));
    const later = seqs.next(2001);
    expect(burst).not.toContain(later);
  });

  it("round-trips cursors and rejects junk", () => {
    expect(decodeCursor(encodeCursor(123456789))).toBe(123456789);
    expect(decodeCursor("not a cursor")).toBeNull();
  });
});
