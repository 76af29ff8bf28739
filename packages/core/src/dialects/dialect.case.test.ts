/**
 * The one suite every dialect runs over its own recorded `__fixtures__`: the fixtures match the
 * wire schemas, and read as the hand-computed answers in each `<dialect>.cases.ts`.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { anthropicMessagesCase } from "./anthropic-messages/__fixtures__/anthropic-messages.cases.js";
import type { DialectCase } from "./dialect-case.js";
import {
  dialectOf,
  dialects,
  parseSse,
  readEmbeddingVectors,
  writeOpenAIChatUsage,
  writeOpenAIEmbeddingsUsage,
  writeOpenAIResponsesUsage,
} from "./index.js";
import { openaiChatCase } from "./openai-chat/__fixtures__/openai-chat.cases.js";
import { openaiEmbeddingsCase } from "./openai-embeddings/__fixtures__/openai-embeddings.cases.js";
import { openaiResponsesCase } from "./openai-responses/__fixtures__/openai-responses.cases.js";
import { parseJson } from "./wire-values.js";

const cases: DialectCase[] = [
  openaiChatCase,
  openaiResponsesCase,
  anthropicMessagesCase,
  openaiEmbeddingsCase,
];
const read = (c: DialectCase, file: string) => readFileSync(new URL(file, c.fixtures), "utf8");

it("every dialect has a case, and is found by its path", () => {
  expect(cases.map((c) => c.dialect)).toEqual(dialects);
  for (const d of dialects) expect(dialectOf(d.path)).toBe(d);
});

describe.each(cases.map((c) => [c.dialect.name, c] as const))("%s", (_name, c) => {
  const { dialect } = c;

  it.each(c.responses.map((r) => [r.file, r] as const))("reads the recorded response %s", (file, r) => {
    const json = JSON.parse(read(c, file)) as unknown;
    expect(r.schema.safeParse(json).error).toBeUndefined();
    expect(dialect.readResponse(json)).toEqual(r.fields);
    expect(dialect.finishReason(r.fields.finishReason)).toBe(r.finish);
  });

  it.each(c.streams.map((s) => [s.file, s] as const))("folds the recorded stream %s", (file, s) => {
    const events = parseSse(read(c, file));
    if (s.schema) {
      for (const e of events) {
        const data = parseJson(e.data);
        if (data !== null) expect(s.schema.safeParse(data).error).toBeUndefined();
      }
    }
    expect(dialect.foldStream(events)).toEqual(s.fields);
    expect(events.filter((e) => dialect.isContent(e))).toHaveLength(s.contentEvents);
    // the same answer folding one event at a time, as the SDK does
    const fold = dialect.streamFold();
    for (const e of events) fold.add(parseJson(e.data));
    expect(fold.result()).toEqual(s.fields);
    expect(fold.chunks).toBe(events.length);
  });

  it("a stream cut before its first event reads as nothing known", () => {
    const fields = dialect.foldStream([]);
    expect(fields.usage).toBeNull();
    expect(fields.finishReason).toBeNull();
  });

  it("reads request bodies as the input genchi logs", () => {
    for (const r of c.requests) {
      if (r.schema) expect(r.schema.safeParse(r.body).error).toBeUndefined();
      expect(dialect.readRequest(r.body)).toEqual(r.input);
    }
  });

  it("writes model requests as request bodies", () => {
    for (const w of c.writes) expect(dialect.writeRequest(w.request)).toEqual(w.body);
  });

  it("reads garbage without throwing", () => {
    for (const junk of [null, 1, "x", [], { choices: 1, content: 2, output: 3, usage: "u" }]) {
      expect(() => dialect.readResponse(junk)).not.toThrow();
      const fold = dialect.streamFold();
      expect(() => fold.add(junk)).not.toThrow();
    }
    expect(dialect.isContent({ data: "[DONE]" })).toBe(false);
  });
});

describe("usage", () => {
  it("Anthropic counts cache reads and writes in the prompt; a message_delta keeps the start's input", () => {
    // 20 uncached + 80 read + 10 written = 110 prompt tokens, 80 of them cached
    const start = anthropicMessagesCase.dialect.readUsage({
      input_tokens: 20,
      cache_read_input_tokens: 80,
      cache_creation_input_tokens: 10,
      output_tokens: 1,
    });
    expect(start).toEqual({ inputTokens: 110, outputTokens: 1, cachedInputTokens: 80 });
    expect(anthropicMessagesCase.dialect.readUsage({ output_tokens: 7 }, start)).toEqual({
      inputTokens: 110,
      outputTokens: 7,
      cachedInputTokens: 80,
    });
  });

  it("OpenAI chat: cached tokens from the details; prompt-only usage has 0 output; negatives pass as sent", () => {
    const read = openaiChatCase.dialect.readUsage;
    expect(
      read({ prompt_tokens: 100, completion_tokens: 3, prompt_tokens_details: { cached_tokens: 64 } }),
    ).toEqual({ inputTokens: 100, outputTokens: 3, cachedInputTokens: 64 });
    expect(read({ prompt_tokens: 4 })).toEqual({ inputTokens: 4, outputTokens: 0, cachedInputTokens: null });
    expect(read({ prompt_tokens: -1, completion_tokens: 2 })).toEqual({
      inputTokens: -1,
      outputTokens: 2,
      cachedInputTokens: null,
    });
    expect(read(null)).toBeNull();
  });
});

it("embedding vectors come back in input order", () => {
  const json = JSON.parse(read(openaiEmbeddingsCase, "openai-embeddings.json")) as unknown;
  expect(readEmbeddingVectors(json)).toEqual([
    [-0.006929283495992422, -0.005336422007530928, 0.00004547132266452536, -0.024047505110502243],
  ]);
  expect(
    readEmbeddingVectors({
      data: [
        { index: 1, embedding: [2] },
        { index: 0, embedding: [1] },
      ],
    }),
  ).toEqual([[1], [2]]);
});

describe("usage writers read back as what they wrote", () => {
  const u = { inputTokens: 100, outputTokens: 7, cachedInputTokens: 64 };
  it("OpenAI chat", () => {
    const wire = writeOpenAIChatUsage(u);
    expect(wire.total_tokens).toBe(107);
    expect(openaiChatCase.dialect.readUsage(wire)).toEqual(u);
  });
  it("OpenAI responses", () => {
    expect(openaiResponsesCase.dialect.readUsage(writeOpenAIResponsesUsage(u))).toEqual(u);
  });
  it("OpenAI embeddings", () => {
    expect(openaiEmbeddingsCase.dialect.readUsage(writeOpenAIEmbeddingsUsage(5))).toEqual({
      inputTokens: 5,
      outputTokens: 0,
      cachedInputTokens: null,
    });
  });
});
