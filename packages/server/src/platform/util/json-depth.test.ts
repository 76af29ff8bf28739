import { GenchiError } from "@genchi/spec";
import { describe, expect, it } from "vitest";
import { assertJsonDepth, jsonDepthExceeds, maxJsonDepth } from "./json-depth.js";

const nested = (levels: number) => JSON.parse(`${"[".repeat(levels)}${"]".repeat(levels)}`) as unknown;

describe("jsonDepthExceeds", () => {
  it("counts arrays and objects, not scalars", () => {
    expect(jsonDepthExceeds("x", 0)).toBe(false);
    expect(jsonDepthExceeds(null, 0)).toBe(false);
    expect(jsonDepthExceeds([], 0)).toBe(true);
    expect(jsonDepthExceeds([], 1)).toBe(false);
    expect(jsonDepthExceeds({ a: [1, { b: "c" }] }, 3)).toBe(false);
    expect(jsonDepthExceeds({ a: [1, { b: "c" }] }, 2)).toBe(true);
    expect(jsonDepthExceeds({ a: [1, { b: {} }] }, 3)).toBe(true);
  });

  it("finds the deep branch among wide shallow ones", () => {
    const wide = Array.from({ length: 1_000 }, (_, i) => ({ i }));
    expect(jsonDepthExceeds([...wide, nested(maxJsonDepth)])).toBe(true);
    expect(jsonDepthExceeds([...wide, nested(maxJsonDepth - 1)])).toBe(false);
  });

  it("walks 200,000 levels without recursion", () => {
    expect(jsonDepthExceeds(nested(200_000))).toBe(true);
    expect(jsonDepthExceeds(nested(200_000), 200_000)).toBe(false);
  });

  it("stops on a cycle", () => {
    const a: Record<string, unknown> = {};
    a["self"] = a;
    expect(jsonDepthExceeds(a)).toBe(true);
  });

  it("a __proto__ key parsed from JSON is walked like any other", () => {
    const v = JSON.parse(`{"__proto__":${JSON.stringify(nested(5))}}`) as unknown;
    expect(jsonDepthExceeds(v, 5)).toBe(true);
  });
});

describe("assertJsonDepth", () => {
  it("throws GENCHI_VALIDATION naming the limit", () => {
    expect(() => assertJsonDepth(nested(maxJsonDepth), "the body")).not.toThrow();
    try {
      assertJsonDepth(nested(maxJsonDepth + 1), "the body");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GenchiError);
      expect((error as GenchiError).code).toBe("GENCHI_VALIDATION");
      expect((error as GenchiError).message).toContain(`${maxJsonDepth} levels`);
    }
  });
});
