import { describe, expect, it } from "vitest";
import { AfterResponse } from "./after-response.js";

describe("AfterResponse", () => {
  it("runs deferred work after the event loop has turned, in order, with one timer", async () => {
    const after = new AfterResponse();
    const seen: string[] = [];
    after.defer(() => seen.push("a"));
    after.defer(() => seen.push("b"));
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([]); // not in the same turn: an immediate comes first
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(seen).toEqual(["a", "b"]);
  });

  it("drains at once on demand and keeps going past a failing piece of work", () => {
    const errors: unknown[] = [];
    const after = new AfterResponse((e) => errors.push(e));
    const seen: number[] = [];
    after.defer(() => seen.push(1));
    after.defer(() => {
      throw new Error("boom");
    });
    after.defer(() => seen.push(3));
    after.drain();
    expect(seen).toEqual([1, 3]);
    expect(errors).toHaveLength(1);
    after.drain();
    expect(seen).toEqual([1, 3]);
  });
});
