import { readFileSync } from "node:fs";
import { type CallIn, callInSchema } from "@genchi/spec";
import { describe, expect, it } from "vitest";
import { encodeSpans, recordSdkSpans } from "./__fixtures__/record-sdk-spans.js";
import { decodeOtlpTraces } from "./decode-otlp-traces.js";
import { otlpRequestToCalls, otlpSpanToCall } from "./otlp-span-to-call.js";
import { newOtlpAttributes, type OtlpSpan } from "./otlp-trace-request.js";

function fixture(name: string): { calls: CallIn[]; ignoredSpans: number } {
  const body = readFileSync(new URL(`./__fixtures__/${name}.json`, import.meta.url));
  const result = otlpRequestToCalls(decodeOtlpTraces(body, "application/json"));
  for (const call of result.calls) expect(callInSchema.safeParse(call).error).toBeUndefined();
  return result;
}

function bySpan(calls: CallIn[], spanId: string): CallIn {
  const call = calls.find((c) => c.spanId === spanId);
  if (!call) throw new Error(`no call for span ${spanId}`);
  return call;
}

describe("otlpRequestToCalls — GenAI conventions (current)", () => {
  const { calls, ignoredSpans } = fixture("genai-current");

  it("maps the chat span, with structured messages, usage and ids", () => {
    expect(calls).toHaveLength(2);
    const chat = bySpan(calls, "aaaaaaaaaaaaaaa2");
    expect(chat).toMatchObject({
      id: "5b8efff798038103d269b633813fc60c-aaaaaaaaaaaaaaa2",
      source: "otlp",
      traceId: "5b8efff798038103d269b633813fc60c",
      timestamp: "2025-01-01T00:00:00.100Z",
      latencyMs: 1250,
      provider: "openai",
      requestedModel: "gpt-4o-mini",
      model: "gpt-4o-mini-2024-07-18",
      usage: { inputTokens: 52, outputTokens: 9, cachedInputTokens: 10 },
      status: "ok",
      finishReason: "stop",
      output: { role: "assistant", content: "It is rainy in Paris, 57°F." },
    });
    expect(chat.input).toEqual([
      { role: "system", content: "You are a weather bot." },
      { role: "user", content: "Weather in Paris?" },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          {
            id: "call_1",
            type: "function",
            function: { name: "get_weather", arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: "tool", content: "rainy, 57°F", tool_call_id: "call_1" },
    ]);
    expect(chat.metadata).toMatchObject({
      serviceName: "support-bot",
      operation: "chat",
      responseId: "chatcmpl-123",
      finishReasons: ["stop"],
      requestParameters: { temperature: 0.2, max_tokens: 200 },
    });
  });

  it("takes route and user from an ancestor span, session from gen_ai.conversation.id", () => {
    const chat = bySpan(calls, "aaaaaaaaaaaaaaa2");
    expect(chat.route).toBe("support-reply");
    expect(chat.userId).toBe("u-42");
    expect(chat.sessionId).toBe("conv-7");
  });

  it("keeps an errored embeddings span as an error call", () => {
    const emb = bySpan(calls, "aaaaaaaaaaaaaaa5");
    expect(emb).toMatchObject({
      status: "error",
      error: "rate limited",
      model: "text-embedding-3-small",
      input: "",
    });
    expect(emb.usage).toEqual({ inputTokens: 4, outputTokens: null });
  });

  it("ignores the HTTP, tool and agent spans", () => {
    expect(ignoredSpans).toBe(3);
  });
});

describe("otlpRequestToCalls — GenAI conventions (deprecated)", () => {
  const { calls } = fixture("genai-deprecated");

  it("reads flattened gen_ai.prompt.N / gen_ai.completion.N and prompt/completion token names", () => {
    const call = bySpan(calls, "bbbbbbbbbbbbbbb1");
    expect(call).toMatchObject({
      provider: "openai",
      requestedModel: "gpt-3.5-turbo",
      model: "gpt-3.5-turbo-0125",
      usage: { inputTokens: 30, outputTokens: 12 },
      output: { role: "assistant", content: "4" },
      finishReason: "stop",
      sessionId: "sess-1",
    });
    expect(call.input).toEqual([
      { role: "system", content: "Be terse." },
      { role: "user", content: "What is 2+2?" },
    ]);
  });

  it("reads the gen_ai.*.message and gen_ai.choice events", () => {
    const call = bySpan(calls, "bbbbbbbbbbbbbbb2");
    expect(call.input).toEqual([
      { role: "system", content: "You translate to French." },
      { role: "user", content: "Good morning" },
    ]);
    expect(call.output).toEqual({ role: "assistant", content: "Bonjour" });
    expect(call.finishReason).toBe("end_turn");
    expect(call.model).toBe("claude-3-5-sonnet-latest");
  });

  it("reads gen_ai.prompt as JSON and gen_ai.completion as text, and the error from the exception event", () => {
    const call = bySpan(calls, "bbbbbbbbbbbbbbb3");
    expect(call.input).toEqual([{ role: "user", content: "Summarise this." }]);
    expect(call.output).toBe("Partial summ");
    expect(call).toMatchObject({ status: "error", error: "request timed out after 30s" });
    expect(call.usage).toBeUndefined();
  });
});

describe("otlpRequestToCalls — OpenInference", () => {
  const { calls, ignoredSpans } = fixture("openinference");

  it("maps an LLM span with flattened messages and token counts", () => {
    const call = bySpan(calls, "ccccccccccccccc2");
    expect(call).toMatchObject({
      provider: "openai",
      requestedModel: "gpt-4o",
      model: "gpt-4o-2024-08-06",
      usage: { inputTokens: 40, outputTokens: 3, cachedInputTokens: 32 },
      userId: "reader-1",
      sessionId: "s-9",
      tags: ["rag", "beta"],
    });
    expect(call.input).toEqual([
      { role: "system", content: "Answer from context." },
      { role: "user", content: "Who wrote Dune?" },
    ]);
    expect(call.output).toEqual({
      role: "assistant",
      content: "Frank Herbert",
      tool_calls: [
        { id: "call_9", type: "function", function: { name: "cite", arguments: '{"source":"wiki"}' } },
      ],
    });
  });

  it("falls back to input.value / output.value, and inherits the session from the chain span", () => {
    const call = bySpan(calls, "ccccccccccccccc3");
    expect(call).toMatchObject({
      input: "Say hi",
      output: "hi",
      model: "gpt-3.5-turbo-instruct",
      sessionId: "s-9",
    });
  });

  it("ignores CHAIN spans", () => {
    expect(ignoredSpans).toBe(1);
    expect(calls).toHaveLength(2);
  });
});

describe("otlpRequestToCalls — Vercel AI SDK", () => {
  const { calls, ignoredSpans } = fixture("vercel-ai");

  it("maps ai.generateText.doGenerate, not its outer span", () => {
    expect(calls.map((c) => c.spanId)).toEqual(["ddddddddddddddd2", "ddddddddddddddd3"]);
    expect(ignoredSpans).toBe(2);
    const call = bySpan(calls, "ddddddddddddddd2");
    expect(call).toMatchObject({
      route: "categorize",
      provider: "openai",
      requestedModel: "gpt-4o-mini",
      model: "gpt-4o-mini-2024-07-18",
      usage: { inputTokens: 20, outputTokens: 1 },
      output: { role: "assistant", content: "billing" },
      userId: "cust-5",
      sessionId: "chat-3",
      finishReason: "stop",
    });
    expect(call.input).toEqual([
      { role: "system", content: "Classify the ticket." },
      { role: "user", content: "My card was charged twice" },
      {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "tc1", type: "function", function: { name: "lookup", arguments: '{"id":7}' } }],
      },
      { role: "tool", content: '{"plan":"pro"}', tool_call_id: "tc1" },
    ]);
    expect(call.metadata).toMatchObject({ telemetry: { tenant: "acme" }, providerId: "openai.chat" });
  });

  it("maps ai.streamText.doStream with v5 usage names, tool calls and time to first chunk", () => {
    const call = bySpan(calls, "ddddddddddddddd3");
    expect(call).toMatchObject({
      provider: "anthropic",
      model: "claude-3-haiku-20240307",
      usage: { inputTokens: 11, outputTokens: 17, cachedInputTokens: 0 },
      ttftMs: 230.5,
      finishReason: "tool-calls",
      input: [{ role: "user", content: "Weather?" }],
      output: {
        role: "assistant",
        content: null,
        tool_calls: [
          { id: "tu_1", type: "function", function: { name: "weather", arguments: '{"city":"Oslo"}' } },
        ],
      },
    });
  });
});

describe("otlpRequestToCalls — spans from the real SDK", () => {
  it("maps protobuf-encoded GenAI spans to calls with deterministic ids", async () => {
    const spans = await recordSdkSpans();
    const { protobuf } = encodeSpans(spans);
    const first = otlpRequestToCalls(decodeOtlpTraces(protobuf, "application/x-protobuf"));
    const again = otlpRequestToCalls(decodeOtlpTraces(protobuf, "application/x-protobuf"));
    expect(first.calls.map((c) => c.id)).toEqual(again.calls.map((c) => c.id));
    expect(first.ignoredSpans).toBe(1);
    const chat = first.calls.find((c) => c.model === "gpt-4o-mini-2024-07-18")!;
    const span = spans.find((s) => s.name === "chat gpt-4o-mini")!;
    expect(chat.id).toBe(`${span.spanContext().traceId}-${span.spanContext().spanId}`);
    expect(chat).toMatchObject({
      route: "ask",
      userId: "u-1",
      usage: { inputTokens: 12, outputTokens: 3 },
      input: [{ role: "user", content: "Hello?" }],
      output: { role: "assistant", content: "Hi there" },
      latencyMs: 1250,
    });
    const failed = first.calls.find((c) => c.requestedModel === "gpt-4o")!;
    expect(failed).toMatchObject({ status: "error", error: "upstream 500" });
  });
});

describe("otlpSpanToCall", () => {
  const base: OtlpSpan = {
    traceId: "5b8efff798038103d269b633813fc60c",
    spanId: "eee19b7ec3c1b174",
    parentSpanId: "",
    name: "x",
    kind: 3,
    startTimeUnixNano: "0",
    endTimeUnixNano: "0",
    attributes: newOtlpAttributes(),
    events: [],
    status: { code: 0, message: "" },
  };
  const resource = newOtlpAttributes();

  it("returns null for spans without any LLM convention", () => {
    expect(otlpSpanToCall({ ...base, attributes: { "http.method": "GET" } }, { resource })).toBeNull();
  });

  it("clips over-long short fields so ingest does not reject the call", () => {
    const call = otlpSpanToCall(
      { ...base, attributes: { "gen_ai.request.model": "m".repeat(2000) } },
      { resource },
    );
    expect(call?.model).toHaveLength(512);
    expect(callInSchema.safeParse(call).success).toBe(true);
  });

  it("leaves the id to the server when the span ids are missing", () => {
    const call = otlpSpanToCall(
      { ...base, traceId: "", attributes: { "gen_ai.request.model": "m" } },
      { resource },
    );
    expect(call?.id).toBeUndefined();
  });

  it("reads genchi.* attributes for route, prompt version and tags", () => {
    const call = otlpSpanToCall(
      {
        ...base,
        attributes: {
          "gen_ai.request.model": "m",
          "genchi.route": "r",
          "genchi.prompt_version": "v3",
          "genchi.tags": "a, b",
        },
      },
      { resource },
    );
    expect(call).toMatchObject({ route: "r", promptVersion: "v3", tags: ["a", "b"] });
  });
});
