/** Each pin policy on floating aliases, pinned ids and route pins. */
import { describe, expect, it } from "vitest";
import { decidePin, type PinRule } from "./decide-pin.js";

const pins: PinRule[] = [
  { route: null, alias: "gpt-4o", pinned: "gpt-4o-2024-08-06" },
  { route: "categorize", alias: null, pinned: "gpt-4o-mini-2024-07-18" },
];

describe("decidePin", () => {
  it("off passes everything", () => {
    expect(decidePin("off", pins, null, "gpt-4o")).toEqual({ type: "pass", model: "gpt-4o" });
  });
  it("pinned ids pass under every policy", () => {
    for (const policy of ["warn", "resolve", "reject"] as const) {
      expect(decidePin(policy, pins, null, "gpt-4o-2024-08-06").type).toBe("pass");
    }
  });
  it("warn records a warning naming the snapshot", () => {
    const d = decidePin("warn", pins, null, "gpt-4o");
    expect(d.type).toBe("warn");
    if (d.type === "warn") expect(d.warning).toContain("gpt-4o-2024-08-06");
  });
  it("resolve rewrites the alias, also with a provider prefix", () => {
    expect(decidePin("resolve", pins, null, "openai/gpt-4o")).toEqual({
      type: "resolve",
      model: "gpt-4o-2024-08-06",
      from: "openai/gpt-4o",
    });
  });
  it("resolve without a pin warns instead", () => {
    expect(decidePin("resolve", pins, null, "gpt-4.1").type).toBe("warn");
  });
  it("reject says which snapshot to use", () => {
    const d = decidePin("reject", pins, null, "gpt-4o");
    expect(d.type).toBe("reject");
    if (d.type === "reject") expect(d.message).toContain("use the pinned snapshot 'gpt-4o-2024-08-06'");
  });
  it("a route pin wins over the alias pin", () => {
    expect(decidePin("resolve", pins, "categorize", "gpt-4o")).toMatchObject({
      model: "gpt-4o-mini-2024-07-18",
    });
  });
});
