/**
 * Time-ordered ids (UUIDv7, RFC 9562): 48 bits of Unix milliseconds, then random bits.
 * They sort by creation time, which keeps database indexes append-mostly.
 */

const hex: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const pool = new Uint8Array(16 * 256);
let poolOffset = pool.length;

function randomBytes10(): number {
  if (poolOffset + 10 > pool.length) {
    globalThis.crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  const at = poolOffset;
  poolOffset += 10;
  return at;
}

/**
 * A new UUIDv7 string.
 *
 * @example timeOrderedId() // → "019a6f3e-8c1b-7d2a-9f4e-1b2c3d4e5f60"
 */
export function timeOrderedId(now: number = Date.now()): string {
  const at = randomBytes10();
  const r = pool;
  const ms = now.toString(16).padStart(12, "0");
  return (
    `${ms.slice(0, 8)}-${ms.slice(8, 12)}-` +
    `7${hex[r[at]! & 0x0f]!.slice(1)}${hex[r[at + 1]!]}-` +
    `${hex[(r[at + 2]! & 0x3f) | 0x80]}${hex[r[at + 3]!]}-` +
    `${hex[r[at + 4]!]}${hex[r[at + 5]!]}${hex[r[at + 6]!]}${hex[r[at + 7]!]}${hex[r[at + 8]!]}${hex[r[at + 9]!]}`
  );
}
