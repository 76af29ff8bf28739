import { describe, expect, it } from "vitest";
import { computeCost } from "./compute-cost.js";
import { findPrice } from "./find-price.js";

describe("findPrice", () => {
  it("finds models by exact id, dated snapshot, provider prefix and -latest", () => {
    expect(findPrice("gpt-4o-mini")).toEqual({ input: 0.15, output: 0.6, cachedInput: 0.075 });
    expect(findPrice("gpt-4o-mini-2024-07-18")).toBe(findPrice("gpt-4o-mini"));
    expect(findPrice("openai/gpt-4.1-nano")).toBe(findPrice("gpt-4.1-nano"));
    expect(findPrice("claude-sonnet-4-20250514")).toBe(findPrice("claude-sonnet-4"));
    expect(findPrice("anthropic/claude-3-5-haiku-latest")).toBe(findPrice("claude-3-5-haiku"));
    expect(findPrice("GPT-4O")).toBe(findPrice("gpt-4o"));
  });

  it("keeps the older price of a snapshot that has its own row", () => {
    expect(findPrice("gpt-4o-2024-05-13")?.input).toBe(5);
    expect(findPrice("gpt-4o-2024-08-06")?.input).toBe(2.5);
  });

  it("answers null for unknown models instead of guessing by prefix", () => {
    expect(findPrice("gpt-4o-mini-ultra")).toBeNull();
    expect(findPrice("my-finetune")).toBeNull();
    expect(findPrice(null)).toBeNull();
    expect(findPrice("")).toBeNull();
  });
});

describe("computeCost", () => {
  it("prices input, cached input and output per million tokens", () => {
    expect(computeCost("gpt-4o-mini", { inputTokens: 1_000_000, outputTokens: 1_000_000 })).toBeCloseTo(
      0.75,
      10,
    );
    expect(
      computeCost("gpt-4o", { inputTokens: 1000, outputTokens: 100, cachedInputTokens: 400 }),
    ).toBeCloseTo((600 * 2.5 + 400 * 1.25 + 100 * 10) / 1e6, 12);
  });

  it("is null, never 0, when the model or the usage is unknown", () => {
    expect(computeCost("unknown-model", { inputTokens: 10, outputTokens: 10 })).toBeNull();
    expect(computeCost("gpt-4o", null)).toBeNull();
    expect(computeCost("gpt-4o", { inputTokens: null, outputTokens: 5 })).toBeNull();
  });

  it("uses a project's own table when given", () => {
    expect(
      computeCost(
        "my-finetune",
        { inputTokens: 1e6, outputTokens: 0 },
        { "my-finetune": { input: 3, output: 12 } },
      ),
    ).toBe(3);
  });
});
