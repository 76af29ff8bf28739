import { describe, expect, it } from "vitest";
import { deriveLabel } from "./derive-label.js";

describe("deriveLabel", () => {
  it("maps implicit and explicit kinds as CONTRACT.md says", () => {
    expect(deriveLabel("accept")).toBe("strong_positive");
    expect(deriveLabel("accept_edit")).toBe("positive");
    expect(deriveLabel("ignore")).toBe("negative");
    expect(deriveLabel("regenerate")).toBe("strong_negative");
    expect(deriveLabel("thumbs_up")).toBe("positive");
    expect(deriveLabel("thumbs_down")).toBe("negative");
    expect(deriveLabel("comment")).toBeNull();
  });

  it("reads ratings on a 1–5 scale or as a fraction", () => {
    expect([1, 2, 3, 4, 5].map((v) => deriveLabel("rating", v))).toEqual([
      "strong_negative",
      "negative",
      null,
      "positive",
      "strong_positive",
    ]);
    expect(deriveLabel("rating", 0.9)).toBe("strong_positive");
    expect(deriveLabel("rating", "4")).toBe("positive");
    expect(deriveLabel("rating", "great")).toBeNull();
  });
});
