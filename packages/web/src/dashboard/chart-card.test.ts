import { describe, expect, it } from "vitest";
import { deltaClass } from "../evals/eval-compare-page.js";
import { isEmptyChart } from "./chart-card.js";

describe("isEmptyChart", () => {
  it("is empty with no lines, no points, or only nulls and zeros", () => {
    expect(isEmptyChart([])).toBe(true);
    expect(isEmptyChart([{ label: "p50", color: "#000", values: [] }])).toBe(true);
    expect(isEmptyChart([{ label: "calls", color: "#000", values: [0, null, 0] }])).toBe(true);
  });

  it("is not empty once one line has one value", () => {
    expect(
      isEmptyChart([
        { label: "a", color: "#000", values: [0, 0] },
        { label: "b", color: "#000", values: [null, 0.5] },
      ]),
    ).toBe(false);
  });
});

describe("deltaClass", () => {
  it("greens a move the better way and reds one the worse way", () => {
    expect(deltaClass(0.05, "higher")).toBe("text-ok");
    expect(deltaClass(-0.05, "higher")).toBe("text-error");
    expect(deltaClass(12, "lower")).toBe("text-error");
    expect(deltaClass(-12, "lower")).toBe("text-ok");
    expect(deltaClass(0, "lower")).toBe("");
    expect(deltaClass(null, "higher")).toBe("");
  });
});
