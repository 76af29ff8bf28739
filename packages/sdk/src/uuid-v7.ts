/**
 * Time-ordered ids: UUIDv7 (RFC 9562) — 48 bits of Unix milliseconds, version 7, a 12-bit
 * counter (method 1, so ids made in the same millisecond still sort in creation order),
 * the variant, then 62 random bits. Random bytes come from a pooled `crypto.getRandomValues`.
 */

const hex: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const pool = new Uint8Array(10 * 410);
let poolAt = pool.length;
let lastMs = -1;
let counter = 0;

function refill(): void {
  globalThis.crypto.getRandomValues(pool);
  poolAt = 0;
}

/**
 * A new UUIDv7 string; ids from one process sort in the order they were made.
 *
 * @example uuidv7() // → "0197a6f3-8c1b-7d2a-9f4e-1b2c3d4e5f60"
 */
export function uuidv7(): string {
  if (poolAt + 10 > pool.length) refill();
  const r = pool;
  const at = poolAt;
  poolAt += 10;
  let ms = Date.now();
  if (ms > lastMs) {
    lastMs = ms;
    counter = ((r[at + 8]! << 8) | r[at + 9]!) & 0x7ff; // random start, room to count up
  } else if (++counter > 0xfff) {
    lastMs++; // counter exhausted (or the clock stepped back): borrow the next millisecond
    counter = 0;
  }
  ms = lastMs;
  const high = Math.floor(ms / 0x10000);
  const low = ms % 0x10000;
  return (
    hex[(high >>> 24) & 0xff]! +
    hex[(high >>> 16) & 0xff]! +
    hex[(high >>> 8) & 0xff]! +
    hex[high & 0xff]! +
    "-" +
    hex[low >>> 8]! +
    hex[low & 0xff]! +
    "-" +
    hex[0x70 | (counter >>> 8)]! +
    hex[counter & 0xff]! +
    "-" +
    hex[0x80 | (r[at + 2]! & 0x3f)]! +
    hex[r[at + 3]!]! +
    "-" +
    hex[r[at + 4]!]! +
    hex[r[at + 5]!]! +
    hex[r[at + 6]!]! +
    hex[r[at + 7]!]! +
    hex[r[at]!]! +
    hex[r[at + 1]!]!
  );
}
