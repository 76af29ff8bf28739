/**
 * `wrapAnthropic` with the official `@anthropic-ai/sdk` client against the scripted upstream:
 * the caller gets exactly what an unwrapped client gets, and one Call per request is logged,
 * for `messages.create` (plain and `stream: true`) and the `messages.stream()` helper.
 */
import Anthropic from "@anthropic-ai/sdk";
import { type ScriptedUpstream, startScriptedUpstream } from "@genchi/scripted-upstream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { withCallContext } from "./call-context.js";
import { callIdOf } from "./call-id-of.js";
import { Genchi } from "./genchi.js";
import type { LoggedCall } from "./pending-call.js";
import { type IngestReceiver, startIngestReceiver } from "./test-support/ingest-receiver.js";
import { wrapAnthropic } from "./wrap-anthropic.js";

let upstream: ScriptedUpstream;
let receiver: IngestReceiver;
let genchi: Genchi;
let logged: LoggedCall[];
let anthropic: Anthropic;
let plain: Anthropic;

const model = "claude-3-5-sonnet-latest";
const served = "claude-3-5-sonnet-20241022";
const messages = [{ role: "user" as const, content: "What is the capital of France?" }];
const request = { model, max_tokens: 256, system: "Answer in one word.", messages };

beforeAll(async () => {
  upstream = await startScriptedUpstream();
  receiver = await startIngestReceiver();
  genchi = new Genchi({ url: receiver.url, key: "gk_test", flushOnExit: false, onError: () => {} });
  const options = { baseURL: upstream.url, apiKey: "sk-ant-test", maxRetries: 0 };
  plain = new Anthropic(options);
  anthropic = wrapAnthropic(new Anthropic(options), {
    genchi,
    route: "capitals",
    tags: ["test"],
    onCall: (call) => logged.push(call),
  });
});

afterAll(async () => {
  await genchi.shutdown();
  await upstream.close();
  await receiver.close();
});

beforeEach(() => {
  logged = [];
  upstream.reset();
});

async function drain<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iterable) out.push(x);
  return out;
}

describe("wrapAnthropic, non-streaming", () => {
  it("returns what the client returns and logs input, output, models, usage and timing", async () => {
    const usage = { inputTokens: 120, outputTokens: 3, cachedInputTokens: 80 };
    upstream.script({ type: "text", text: "Paris.", usage }, { type: "text", text: "Paris.", usage });
    const wrapped = await anthropic.messages.create(request);
    const unwrapped = await plain.messages.create(request);
    const { id: _a, ...mine } = wrapped;
    const { id: _b, ...theirs } = unwrapped;
    expect(mine).toEqual(theirs);
    expect(logged).toHaveLength(1);
    const call = logged[0]!;
    expect(callIdOf(wrapped)).toBe(call.id);
    expect(call).toMatchObject({
      source: "sdk",
      provider: "anthropic",
      route: "capitals",
      tags: ["test"],
      requestedModel: model,
      model: served,
      input: [{ role: "system", content: "Answer in one word." }, ...messages],
      output: { role: "assistant", content: "Paris." },
      status: "ok",
      finishReason: "end_turn",
      // input_tokens counts only the uncached part: genchi's inputTokens is the whole prompt.
      usage: {
        inputTokens: wrapped.usage.input_tokens + (wrapped.usage.cache_read_input_tokens ?? 0),
        outputTokens: wrapped.usage.output_tokens,
        cachedInputTokens: wrapped.usage.cache_read_input_tokens,
      },
      ttftMs: null,
    });
    expect(call.usage).toEqual({ inputTokens: 200, outputTokens: 3, cachedInputTokens: 80 });
    expect(call.latencyMs).toBeGreaterThan(0);
    await genchi.flush();
    expect(receiver.calls.get(call.id)).toMatchObject({ id: call.id, model: served, provider: "anthropic" });
  });

  it("logs a system prompt given as text blocks, and content blocks in messages, as they were sent", async () => {
    const history = [
      { role: "user" as const, content: [{ type: "text" as const, text: "Hi" }] },
      { role: "assistant" as const, content: "Hello!" },
      { role: "user" as const, content: "Capital of Peru?" },
    ];
    await anthropic.messages.create({
      model,
      max_tokens: 64,
      system: [{ type: "text", text: "Be brief." }],
      messages: history,
    });
    expect(logged[0]?.input).toEqual([
      { role: "system", content: [{ type: "text", text: "Be brief." }] },
      ...history,
    ]);
  });

  it("snapshots the message list: pushing the reply afterwards does not change the log", async () => {
    const history: Anthropic.MessageParam[] = [{ role: "user", content: "hi" }];
    await anthropic.messages.create({ model, max_tokens: 64, messages: history });
    history.push({ role: "assistant", content: "hello" });
    expect(logged[0]?.input).toEqual([{ role: "user", content: "hi" }]);
  });

  it("logs tool use as tool calls on the output message", async () => {
    upstream.script({
      type: "tool_calls",
      text: "Let me look.",
      toolCalls: [{ name: "get_weather", arguments: { city: "Paris" }, id: "toolu_01A" }],
    });
    const reply = await anthropic.messages.create(request);
    expect(reply.content.map((b) => b.type)).toEqual(["text", "tool_use"]);
    expect(logged[0]).toMatchObject({
      finishReason: "tool_use",
      output: {
        role: "assistant",
        content: "Let me look.",
        tool_calls: [
          {
            id: "toolu_01A",
            type: "function",
            function: { name: "get_weather", arguments: '{"city":"Paris"}' },
          },
        ],
      },
    });
  });

  it("keeps the APIPromise: withResponse() and asResponse() work as before", async () => {
    const promise = anthropic.messages.create(request);
    const { data, response } = await promise.withResponse();
    expect(response.status).toBe(200);
    expect(callIdOf(data)).toBe(callIdOf(promise));
    expect(logged).toHaveLength(1);
    const raw = await anthropic.messages.create(request).asResponse();
    expect(((await raw.json()) as { content: unknown[] }).content).toHaveLength(1);
  });

  it("lets API errors reach the caller unchanged and logs them with the status", async () => {
    upstream.script({ type: "error", status: 429 }, { type: "error", status: 529 });
    const limited = await anthropic.messages.create(request).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(Anthropic.RateLimitError);
    const overloaded = await anthropic.messages.create(request).catch((e: unknown) => e);
    expect(overloaded).toBeInstanceOf(Anthropic.APIError);
    expect((overloaded as InstanceType<typeof Anthropic.APIError>).status).toBe(529);
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatchObject({ status: "error", output: null, model: null, requestedModel: model });
    expect(logged[0]?.error).toMatch(/^429 .*rate_limit_error/);
    expect(logged[1]?.error).toMatch(/^529 .*overloaded_error/);
  });

  it("takes user, session and tags from withCallContext; wraps a client only once", async () => {
    await withCallContext({ userId: "u_1", sessionId: "s_1", tags: ["beta"] }, async () => {
      await Promise.resolve();
      await anthropic.messages.create(request);
    });
    expect(logged[0]).toMatchObject({
      route: "capitals",
      userId: "u_1",
      sessionId: "s_1",
      tags: ["test", "beta"],
    });
    expect(wrapAnthropic(anthropic, { genchi, onCall: (c) => logged.push(c) })).toBe(anthropic);
    await anthropic.messages.create(request);
    expect(logged).toHaveLength(2);
  });
});

describe("wrapAnthropic, streaming", () => {
  it("passes the same events through and logs text, usage and a time to first token", async () => {
    upstream.script({
      type: "text",
      text: "Paris is the capital.",
      chunkDelayMs: 5,
      usage: { inputTokens: 50, outputTokens: 6, cachedInputTokens: 10 },
    });
    const stream = await anthropic.messages.create({ ...request, stream: true });
    expect(callIdOf(stream)).toBeDefined();
    expect(logged).toHaveLength(0);
    const events = await drain(stream);
    const text = events.flatMap((e) =>
      e.type === "content_block_delta" && e.delta.type === "text_delta" ? [e.delta.text] : [],
    );
    expect(text.join("")).toBe("Paris is the capital.");
    const start = events.find((e) => e.type === "message_start");
    const delta = events.find((e) => e.type === "message_delta");
    expect(logged).toHaveLength(1);
    const call = logged[0]!;
    expect(call.id).toBe(callIdOf(stream));
    expect(call).toMatchObject({
      status: "ok",
      provider: "anthropic",
      model: start?.type === "message_start" ? start.message.model : "?",
      output: { role: "assistant", content: "Paris is the capital." },
      finishReason: "end_turn",
      usage: {
        inputTokens: 60,
        outputTokens: delta?.type === "message_delta" ? delta.usage.output_tokens : -1,
        cachedInputTokens: 10,
      },
    });
    expect(call.ttftMs).toBeGreaterThan(0);
    expect(call.ttftMs).toBeLessThanOrEqual(call.latencyMs!);
  });

  it("accumulates streamed tool use", async () => {
    upstream.script({
      type: "tool_calls",
      toolCalls: [
        { name: "get_weather", arguments: { city: "Paris" }, id: "toolu_01A" },
        { name: "get_time", arguments: { tz: "Europe/Paris" }, id: "toolu_01B" },
      ],
    });
    await drain(await anthropic.messages.create({ ...request, stream: true }));
    expect(logged[0]).toMatchObject({
      status: "ok",
      finishReason: "tool_use",
      output: {
        content: null,
        tool_calls: [
          { id: "toolu_01A", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
          { id: "toolu_01B", function: { name: "get_time", arguments: '{"tz":"Europe/Paris"}' } },
        ],
      },
    });
  });

  it("logs a stream the caller stops reading as aborted, with the partial output", async () => {
    upstream.script({ type: "text", text: "one two three four five" });
    const stream = await anthropic.messages.create({ ...request, stream: true });
    for await (const event of stream) {
      if (
        event.type === "content_block_delta" &&
        event.delta.type === "text_delta" &&
        event.delta.text === " two"
      )
        break;
    }
    expect(logged[0]).toMatchObject({ status: "error", output: { content: "one two" }, finishReason: null });
    expect(logged[0]?.error).toMatch(/^aborted: the caller stopped reading/);
  });

  it("logs a stream cut by the upstream as an error, and the caller still gets the error", async () => {
    upstream.script({ type: "text", text: "one two three four", cutAfterChunks: 4 });
    const stream = await anthropic.messages.create({ ...request, stream: true });
    await expect(drain(stream)).rejects.toThrow();
    expect(logged[0]).toMatchObject({ status: "error", output: { content: "one" } });
    expect(logged[0]).not.toHaveProperty("usage"); // output tokens unknown: the server counts them
  });

  it("logs failed stream requests (no stream at all)", async () => {
    upstream.script({ type: "error", status: 500 });
    const error = await anthropic.messages.create({ ...request, stream: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.InternalServerError);
    expect(logged[0]).toMatchObject({ status: "error", requestedModel: model });
  });

  it("logs the messages.stream() helper once, with the id on the stream and the final message", async () => {
    upstream.script({ type: "text", text: "Paris, of course." });
    const stream = anthropic.messages.stream(request);
    const final = await stream.finalMessage();
    expect(final.content).toEqual([{ type: "text", text: "Paris, of course." }]);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      status: "ok",
      output: { content: "Paris, of course." },
      input: [{ role: "system", content: "Answer in one word." }, ...messages],
    });
    expect(callIdOf(stream)).toBe(logged[0]?.id);
    expect(callIdOf(final)).toBe(logged[0]?.id);
    expect(upstream.requests).toHaveLength(1);
  });
});
