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

  it("refuses timestamps outside 1970–2200 instead of handing out a seq that cannot grow", () => {
    const seqs = new SeqAllocator(0);
    const far = Date.parse("9999-12-31T23:59:59.999Z");
    // What the guard prevents: past 2^53, adding one gives the same number.
    expect(far * seqPerMs + 1).toBe(far * seqPerMs);
    expect(() => seqs.next(far)).toThrow(/outside 1970-01-01..2200-01-01/);
    expect(() => seqs.next(-1)).toThrow(/outside/);
    expect(seqs.next(0)).toBe(0);
    const last = Date.UTC(2200, 0, 1) - 1;
    expect(Number.isSafeInteger(seqs.next(last) + seqPerMs)).toBe(true);
  });

  it("round-trips cursors and rejects junk with a 400", () => {
    expect(decodeCursor(encodeCursor(123456789))).toBe(123456789);
    expect(decodeCursor(encodeCursor(0))).toBe(0);
    for (const junk of ["not a cursor", encodeCursor(-5), Buffer.from("1e3").toString("base64url"), ""]) {
      expect(() => decodeCursor(junk)).toThrow(expect.objectContaining({ code: "GENCHI_VALIDATION" }));
    }
  });
});
