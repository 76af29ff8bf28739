/**
 * The scripted upstream against the official `openai` client (the shapes must parse) and
 * against the recorded fixtures (the shapes must match, key for key).
 */
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fixtureJson, fixtureSse } from "./fixtures.js";
import { parseSse } from "./sse-events.js";
import { type ScriptedUpstream, startScriptedUpstream } from "./start-scripted-upstream.js";

/** The structure of a JSON value: keys and value types, not values. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.length > 0 ? [shapeOf(value[0])] : [];
  if (value === null) return "null";
  if (typeof value === "object") {
    return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, shapeOf(v)]));
  }
  return typeof value;
}

let upstream: ScriptedUpstream;
let openai: OpenAI;

beforeAll(async () => {
  upstream = await startScriptedUpstream();
  openai = new OpenAI({ baseURL: `${upstream.url}/v1`, apiKey: "sk-test", maxRetries: 0 });
});
afterAll(() => upstream.close());
beforeEach(() => upstream.reset());

const post = async (path: string, body: unknown) => {
  const res = await fetch(`${upstream.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
};

describe("OpenAI chat completions", () => {
  it("answers a non-streaming call in the recorded shape, served by the dated snapshot", async () => {
    upstream.script({ type: "text", text: "Paris is the capital of France." });
    const completion = await openai.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Capital of France?" }],
    });
    expect(completion.model).toBe("gpt-4o-mini-2024-07-18");
    expect(completion.choices[0]?.message.content).toBe("Paris is the capital of France.");
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    expect(completion.usage?.total_tokens).toBe(
      (completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0),
    );
    expect(shapeOf(completion)).toEqual(shapeOf(fixtureJson("openai-chat-completion.json")));
    const [request] = upstream.requests;
    expect(request).toMatchObject({ method: "POST", path: "/v1/chat/completions" });
    expect(request?.headers.authorization).toBe("Bearer sk-test");
    expect(request?.body).toMatchObject({
      model: "gpt-4o-mini",
      messages: [{ content: "Capital of France?" }],
    });
  });

  it("echoes the last user message when nothing is scripted", async () => {
    const completion = await openai.chat.completions.create({
      model: "gpt-4.1",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "ping" },
      ],
    });
    expect(completion.choices[0]?.message.content).toBe("echo: ping");
    expect(completion.model).toBe("gpt-4.1-2025-04-14");
  });

  it("streams chunks with a final usage chunk when include_usage is asked", async () => {
    upstream.script({ type: "text", text: "Hello big world", usage: { inputTokens: 11, outputTokens: 3 } });
    const stream = await openai.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "hi" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0]?.choices[0]?.delta.role).toBe("assistant");
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toBe("Hello big world");
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe("stop");
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 3, total_tokens: 14 });
    const recorded = fixtureSse("openai-chat-completion-stream.txt").map((e) => e.data);
    expect(shapeOf(chunks[0])).toEqual(shapeOf(recorded[0]));
    expect(shapeOf(chunks[1])).toEqual(shapeOf(recorded[1]));
    expect(shapeOf(chunks.at(-2))).toEqual(shapeOf(recorded.at(-3)));
    expect(shapeOf(last)).toEqual(shapeOf(recorded.at(-2)));
  });

  it("sends no usage field at all without include_usage, and ends with [DONE]", async () => {
    const { text } = await post("/v1/chat/completions", {
      model: "gpt-4o-mini",
      stream: true,
      messages: [{ role: "user", content: "hi" }],
    });
    const events = parseSse(text);
    expect(events.at(-1)?.data).toBe("[DONE]");
    for (const e of events.slice(0, -1)) expect(JSON.parse(e.data)).not.toHaveProperty("usage");
  });

  it("streams tool calls in the recorded shape", async () => {
    upstream.script({
      type: "tool_calls",
      toolCalls: [{ name: "get_weather", arguments: { city: "Paris" } }],
    });
    const stream = await openai.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Weather in Paris?" }],
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const args = chunks.map((c) => c.choices[0]?.delta.tool_calls?.[0]?.function?.arguments ?? "").join("");
    expect(JSON.parse(args)).toEqual({ city: "Paris" });
    expect(chunks[0]?.choices[0]?.delta.tool_calls?.[0]?.function?.name).toBe("get_weather");
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("tool_calls");
    const recorded = fixtureSse("openai-chat-completion-stream-tool-calls.txt").map((e) => e.data);
    expect(shapeOf(chunks[0])).toEqual(shapeOf(recorded[0]));
    expect(shapeOf(chunks[1])).toEqual(shapeOf(recorded[1]));
  });

  it("answers a non-streaming tool call and JSON replies", async () => {
    upstream.script(
      { type: "tool_calls", toolCalls: [{ name: "get_weather", arguments: '{"city":"Paris"}' }] },
      { type: "json", value: { category: "apparel" } },
    );
    const messages = [{ role: "user" as const, content: "x" }];
    const tools = await openai.chat.completions.create({ model: "gpt-4o-mini", messages });
    expect(shapeOf(tools)).toEqual(shapeOf(fixtureJson("openai-chat-completion-tool-calls.json")));
    expect(tools.choices[0]?.message.tool_calls?.[0]).toMatchObject({
      type: "function",
      id: expect.stringMatching(/^call_/),
    });
    const json = await openai.chat.completions.create({ model: "gpt-4o-mini", messages });
    expect(JSON.parse(json.choices[0]?.message.content ?? "")).toEqual({ category: "apparel" });
  });

  it("raises a 429 in the real shape, with retry-after", async () => {
    upstream.script({ type: "error", status: 429, retryAfter: 2 });
    const error = await openai.chat.completions
      .create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const e = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(e.status).toBe(429);
    expect(e.code).toBe("rate_limit_exceeded");
    expect(e.type).toBe("requests");
    expect(e.headers.get("retry-after")).toBe("2");
  });

  it("raises 400, 401 and 500 as the client's typed errors", async () => {
    upstream.script(
      { type: "error", status: 400, message: "bad temperature", param: "temperature" },
      { type: "error", status: 401 },
      { type: "error", status: 500 },
    );
    const call = () =>
      openai.chat.completions
        .create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }] })
        .catch((e) => e);
    const bad = await call();
    expect(bad).toBeInstanceOf(OpenAI.BadRequestError);
    expect(bad).toMatchObject({ param: "temperature", message: "400 bad temperature" });
    expect(await call()).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(await call()).toBeInstanceOf(OpenAI.InternalServerError);
  });

  it("cuts a stream mid-way: the client sees an error after the first chunks", async () => {
    upstream.script({ type: "text", text: "one two three four five", cutAfterChunks: 3 });
    const stream = await openai.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "x" }],
      stream: true,
    });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? "");
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(seen.join("")).toBe("one two");
  });

  it("waits the scripted latency before the response and between chunks", async () => {
    upstream.script({ type: "text", text: "a b c", delayMs: 60, chunkDelayMs: 20 });
    const started = performance.now();
    const stream = await openai.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "x" }],
      stream: true,
    });
    for await (const _ of stream) {
      // drain
    }
    expect(performance.now() - started).toBeGreaterThanOrEqual(60 + 20 * 4);
  });

  it("takes path-scoped replies only on their path", async () => {
    upstream.script(
      { type: "text", text: "for anthropic", path: "/v1/messages" },
      { type: "text", text: "for openai" },
    );
    const completion = await openai.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "x" }],
    });
    expect(completion.choices[0]?.message.content).toBe("for openai");
    expect(upstream.pending()).toBe(1);
  });

  it("rejects a request without messages like OpenAI does", async () => {
    const { status, text } = await post("/v1/chat/completions", { model: "gpt-4o-mini" });
    expect(status).toBe(400);
    expect(JSON.parse(text)).toEqual({
      error: {
        message: "Missing required parameter: 'messages'.",
        type: "invalid_request_error",
        param: "messages",
        code: "missing_required_parameter",
      },
    });
  });
});

describe("OpenAI embeddings, models and Responses", () => {
  it("embeds deterministically (base64 by default in the client)", async () => {
    const a = await openai.embeddings.create({
      model: "text-embedding-3-small",
      input: ["hello", "world"],
      dimensions: 8,
    });
    const b = await openai.embeddings.create({
      model: "text-embedding-3-small",
      input: "hello",
      dimensions: 8,
    });
    expect(a.data).toHaveLength(2);
    expect(a.data[0]?.embedding).toHaveLength(8);
    expect(b.data[0]?.embedding).toEqual(a.data[0]?.embedding);
    expect(a.usage.prompt_tokens).toBeGreaterThan(0);
    expect(upstream.requests[0]?.body).toMatchObject({ encoding_format: "base64" });
  });

  it("lists models", async () => {
    const page = await openai.models.list();
    expect(page.data.map((m) => m.id)).toContain("gpt-4o-mini");
  });

  it("answers a Responses call in the recorded shape", async () => {
    upstream.script({ type: "text", text: "Bonjour" });
    const response = await openai.responses.create({ model: "gpt-4o-mini", input: "Say hello in French" });
    expect(response.output_text).toBe("Bonjour");
    expect(response.model).toBe("gpt-4o-mini-2024-07-18");
    const { output_text: _added, ...wire } = response; // output_text is added by the client
    expect(shapeOf(wire)).toEqual(shapeOf(fixtureJson("openai-response.json")));
  });

  it("streams a Responses call, usage on response.completed", async () => {
    upstream.script({ type: "text", text: "Hello there" });
    const stream = await openai.responses.create({ model: "gpt-4o-mini", input: "hi", stream: true });
    const events = [];
    for await (const event of stream) events.push(event);
    const types = events.map((e) => e.type);
    expect(types[0]).toBe("response.created");
    expect(types.at(-1)).toBe("response.completed");
    const text = events.flatMap((e) => (e.type === "response.output_text.delta" ? [e.delta] : [])).join("");
    expect(text).toBe("Hello there");
    const completed = events.at(-1);
    expect(
      completed?.type === "response.completed" && completed.response.usage?.output_tokens,
    ).toBeGreaterThan(0);
    const recorded = fixtureSse("openai-response-stream.txt");
    expect(types).toEqual(recorded.map((e) => e.event));
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    expect(events.map(shapeOf)).toEqual(recorded.map((e) => shapeOf(e.data)));
  });

  it("returns function calls from Responses", async () => {
    upstream.script({
      type: "tool_calls",
      toolCalls: [{ name: "get_weather", arguments: { city: "Paris" } }],
    });
    const response = await openai.responses.create({ model: "gpt-4o-mini", input: "weather?" });
    expect(response.output[0]).toMatchObject({
      type: "function_call",
      name: "get_weather",
      arguments: '{"city":"Paris"}',
    });
    const { output_text: _added, ...wire } = response;
    expect(shapeOf(wire)).toEqual(shapeOf(fixtureJson("openai-response-function-call.json")));
  });
});

describe("Anthropic messages", () => {
  const request = {
    model: "claude-3-5-sonnet-latest",
    max_tokens: 100,
    messages: [{ role: "user", content: "hi" }],
  };

  it("answers in the recorded message shape", async () => {
    upstream.script({ type: "text", text: "Hello!" });
    const { status, text, headers } = await post("/v1/messages", request);
    expect(status).toBe(200);
    expect(headers.get("request-id")).toMatch(/^req_/);
    const message = JSON.parse(text);
    expect(message).toMatchObject({
      model: "claude-3-5-sonnet-20241022",
      content: [{ type: "text", text: "Hello!" }],
    });
    expect(shapeOf(message)).toEqual(shapeOf(fixtureJson("anthropic-message.json")));
  });

  it("streams the recorded event sequence, stop reason and output tokens on message_delta", async () => {
    upstream.script({ type: "text", text: "Hello there", usage: { outputTokens: 6 } });
    const { text } = await post("/v1/messages", { ...request, stream: true });
    const events = parseSse(text);
    const recorded = fixtureSse("anthropic-message-stream.txt");
    expect(events.map((e) => e.event)).toEqual(recorded.map((e) => e.event));
    const delta = JSON.parse(events.find((e) => e.event === "message_delta")!.data);
    expect(delta).toEqual({
      type: "message_delta",
      delta: { stop_reason: "end_turn", stop_sequence: null },
      usage: { output_tokens: 6 },
    });
    expect(events.map((e) => shapeOf(JSON.parse(e.data)))).toEqual(recorded.map((e) => shapeOf(e.data)));
  });

  it("streams tool use like the recorded stream", async () => {
    upstream.script({
      type: "tool_calls",
      toolCalls: [{ name: "get_weather", arguments: { city: "Paris" } }],
    });
    const { text } = await post("/v1/messages", { ...request, stream: true });
    const events = parseSse(text);
    const recorded = fixtureSse("anthropic-message-stream-tool-use.txt");
    expect(new Set(events.map((e) => e.event))).toEqual(new Set(recorded.map((e) => e.event)));
    const partial = events
      .map((e) => JSON.parse(e.data))
      .filter((d) => d.delta?.type === "input_json_delta")
      .map((d) => d.delta.partial_json)
      .join("");
    expect(JSON.parse(partial)).toEqual({ city: "Paris" });
  });

  it("sends errors in the Anthropic shape", async () => {
    upstream.script({ type: "error", status: 529 });
    const { status, text } = await post("/v1/messages", request);
    expect(status).toBe(529);
    expect(JSON.parse(text)).toEqual({
      type: "error",
      error: { type: "overloaded_error", message: "Overloaded" },
    });
    const missing = await post("/v1/messages", { model: "claude-3-5-sonnet-latest", messages: [] });
    expect(JSON.parse(missing.text)).toEqual({
      type: "error",
      error: { type: "invalid_request_error", message: "max_tokens: Field required" },
    });
  });
});

describe("auth", () => {
  it("answers 401 without the configured key", async () => {
    const locked = await startScriptedUpstream({ apiKey: "sk-right" });
    try {
      const wrong = new OpenAI({ baseURL: `${locked.url}/v1`, apiKey: "sk-wrong", maxRetries: 0 });
      await expect(wrong.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
      const right = new OpenAI({ baseURL: `${locked.url}/v1`, apiKey: "sk-right", maxRetries: 0 });
      await expect(right.models.list()).resolves.toBeDefined();
    } finally {
      await locked.close();
    }
  });
});

describe("respond", () => {
  it("answers from the request when nothing is scripted, and scripted replies still come first", async () => {
    const own = await startScriptedUpstream({
      respond: (r) => {
        const body = r.body as { model?: string };
        return body.model === "gpt-4o-mini"
          ? {
              type: "text",
              text: `for ${body.model}`,
              model: body.model,
              usage: { inputTokens: 7, outputTokens: 2 },
            }
          : undefined;
      },
    });
    try {
      const client = new OpenAI({ baseURL: `${own.url}/v1`, apiKey: "sk-test", maxRetries: 0 });
      const messages = [{ role: "user" as const, content: "hi" }];
      own.script({ type: "text", text: "scripted" });
      const first = await client.chat.completions.create({ model: "gpt-4o-mini", messages });
      expect(first.choices[0]?.message.content).toBe("scripted");
      const second = await client.chat.completions.create({ model: "gpt-4o-mini", messages });
      expect(second.choices[0]?.message.content).toBe("for gpt-4o-mini");
      expect(second.model).toBe("gpt-4o-mini");
      expect(second.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 2 });
      const other = await client.chat.completions.create({ model: "gpt-4o", messages });
      expect(other.choices[0]?.message.content).toBe("echo: hi");
    } finally {
      await own.close();
    }
  });
});
