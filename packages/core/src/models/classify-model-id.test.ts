/** Table of real model ids, each with the kind providers document for it. */
import { describe, expect, it } from "vitest";
import { classifyModelId } from "./classify-model-id.js";

const table: Array<[string, "pinned" | "floating", string | null]> = [
  ["gpt-4o", "floating", "openai"],
  ["gpt-4o-2024-08-06", "pinned", "openai"],
  ["gpt-4o-mini", "floating", "openai"],
  ["gpt-4o-mini-2024-07-18", "pinned", "openai"],
  ["chatgpt-4o-latest", "floating", "openai"],
  ["gpt-4.1", "floating", "openai"],
  ["gpt-4.1-nano-2025-04-14", "pinned", "openai"],
  ["gpt-4-0613", "pinned", "openai"],
  ["gpt-4-1106-preview", "pinned", "openai"],
  ["gpt-3.5-turbo-0125", "pinned", "openai"],
  ["gpt-3.5-turbo", "floating", "openai"],
  ["gpt-4-turbo-preview", "floating", "openai"],
  ["o3-mini", "floating", "openai"],
  ["o3-mini-2025-01-31", "pinned", "openai"],
  ["o1-2024-12-17", "pinned", "openai"],
  ["text-embedding-3-small", "floating", "openai"],
  ["openai/gpt-4o", "floating", "openai"],
  ["claude-3-5-sonnet-latest", "floating", "anthropic"],
  ["claude-3-5-sonnet-20241022", "pinned", "anthropic"],
  ["claude-3-7-sonnet-20250219", "pinned", "anthropic"],
  ["claude-sonnet-4-0", "floating", "anthropic"],
  ["claude-sonnet-4-20250514", "pinned", "anthropic"],
  ["claude-opus-4-1", "floating", "anthropic"],
  ["anthropic/claude-3-haiku-20240307", "pinned", "anthropic"],
  ["anthropic.claude-3-5-sonnet-20240620-v1:0", "pinned", "bedrock"],
  ["gemini-1.5-pro", "floating", "google"],
  ["gemini-1.5-pro-002", "pinned", "google"],
  ["gemini-1.5-flash-latest", "floating", "google"],
  ["gemini-2.0-flash-001", "pinned", "google"],
  ["gemini-2.0-flash", "floating", "google"],
  ["gemini-2.0-flash-exp", "floating", "google"],
  ["gemini-2.5-pro-preview-05-06", "pinned", "google"],
  ["mistral-large-latest", "floating", "mistral"],
  ["mistral-large-2411", "pinned", "mistral"],
  ["codestral-2501", "pinned", "mistral"],
  ["llama3.1:8b", "floating", null],
  ["llama3:latest", "floating", null],
  ["groq/llama-3.3-70b-versatile", "floating", "groq"],
];

describe("classifyModelId", () => {
  it.each(table)("%s is %s (provider %s)", (id, kind, provider) => {
    const c = classifyModelId(id);
    expect(c.kind).toBe(kind);
    expect(c.provider).toBe(provider);
    expect(c.reason.length).toBeGreaterThan(0);
  });

  it("strips the provider prefix from the model", () => {
    expect(classifyModelId("anthropic/claude-3-5-haiku-latest").model).toBe("claude-3-5-haiku-latest");
  });
});
