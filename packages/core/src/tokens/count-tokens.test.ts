import { describe, expect, it } from "vitest";
import { countInputTokens, countOutputTokens, countTextTokens } from "./count-tokens.js";

describe("token counting (o200k)", () => {
  it("counts text tokens with the real encoding", () => {
    expect(countTextTokens("")).toBe(0);
    expect(countTextTokens("hello world")).toBe(2);
  });

  it("adds the chat format's per-message overhead", () => {
    const messages = [
      { role: "system", content: "You are terse." },
      { role: "user", content: "hello world" },
    ];
    expect(countInputTokens(messages)).toBe(3 + 3 + countTextTokens("You are terse.") + 3 + 2);
    expect(countOutputTokens({ role: "assistant", content: "hello world" })).toBe(2);
    expect(countOutputTokens(null)).toBe(0);
  });
});
