import { describe, expect, it } from "vitest";
import { mapInSlices } from "./map-in-slices.js";

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe("mapInSlices", () => {
  it("maps every item in order, with its index", async () => {
    const items = range(50);
    expect(await mapInSlices(items, (n, i) => `${n}:${i}`)).toEqual(items.map((n) => `${n}:${n}`));
    expect(await mapInSlices([], (n: number) => n)).toEqual([]);
  });

  it("yields to the event loop between slices of a long array", async () => {
    const order: string[] = [];
    setImmediate(() => order.push("other"));
    const mapped = await mapInSlices(range(20), (n) => {
      order.push(`item ${n}`);
      return n * 2;
    });
    expect(mapped).toEqual(range(20).map((n) => n * 2));
    // The first slice runs at once; the other work runs before the second slice.
    expect(order.indexOf("other")).toBe(8);
    expect(order).toHaveLength(21);
  });

  it("honours the slice size", async () => {
    const order: string[] = [];
    setImmediate(() => order.push("other"));
    await mapInSlices(range(5), (n) => order.push(`item ${n}`), 2);
    expect(order.indexOf("other")).toBe(2);
  });

  it("does not yield for an array of at most one slice", async () => {
    const order: string[] = [];
    setImmediate(() => order.push("other"));
    const mapped = mapInSlices(range(8), (n) => {
      order.push(`item ${n}`);
      return n;
    });
    expect(order).toHaveLength(8); // mapped synchronously, during the call
    expect(await mapped).toEqual(range(8));
    expect(order).not.toContain("other");
  });

  it("rejects with what the function throws and maps nothing after it", async () => {
    const seen: number[] = [];
    const failing = (n: number): number => {
      if (n === 12) throw new Error("bad item 12");
      seen.push(n);
      return n;
    };
    await expect(mapInSlices(range(20), failing)).rejects.toThrow("bad item 12");
    expect(seen).toEqual(range(12));
    await expect(mapInSlices(range(3), (n) => failing(n + 12))).rejects.toThrow("bad item 12");
  });
});
