/** UUIDv7 layout (RFC 9562) and ordering. */
import { describe, expect, it } from "vitest";
import { uuidv7 } from "./uuid-v7.js";

describe("uuidv7", () => {
  it("has the RFC 9562 layout: version 7, variant 10, the time in the first 48 bits", () => {
    const before = Date.now();
    const id = uuidv7();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const ms = Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now() + 1);
  });

  it("sorts in creation order and never repeats, even within one millisecond", () => {
    const ids = Array.from({ length: 20_000 }, () => uuidv7());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
