import { describe, expect, it } from "vitest";
import { nulWarning, withoutNul } from "./strip-nul.js";

describe("withoutNul", () => {
  it("removes NULs from strings and keys at any depth and names the top-level fields", () => {
    const raw = {
      route: "a\u0000b",
      input: [{ role: "user", content: "\u0000hi\u0000" }],
      metadata: { "k\u0000": { deep: ["x\u0000"] } },
      model: "clean",
      n: 3,
    };
    const { value, fields } = withoutNul(raw);
    expect(value).toEqual({
      route: "ab",
      input: [{ role: "user", content: "hi" }],
      metadata: { k: { deep: ["x"] } },
      model: "clean",
      n: 3,
    });
    expect(fields).toEqual(["route", "input", "metadata"]);
    expect(nulWarning(fields)).toBe("NUL characters removed from route, input, metadata");
    // The caller's object is left as it was.
    expect(raw.route).toBe("a\u0000b");
  });

  it("returns the same object when there is nothing to remove (empty and degenerate inputs too)", () => {
    const raw = { input: [{ role: "user", content: "hi" }], tags: [], metadata: {} };
    expect(withoutNul(raw).value).toBe(raw);
    expect(withoutNul({}).fields).toEqual([]);
    expect(withoutNul({ s: "\u0000" }).value).toEqual({ s: "" });
  });
});
