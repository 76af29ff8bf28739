/**
 * `wrapOpenAI` with the official `openai` client against the scripted upstream: the caller
 * gets exactly what an unwrapped client gets, and one Call per request is logged.
 */
import { type ScriptedUpstream, startScriptedUpstream } from "@genchi/scripted-upstream";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { withCallContext } from "./call-context.js";
import { callIdOf } from "./call-id-of.js";
import { Genchi } from "./genchi.js";
import type { LoggedCall } from "./pending-openai-call.js";
import { type IngestReceiver, startIngestReceiver } from "./test-support/ingest-receiver.js";
import { wrapOpenAI } from "./wrap-openai.js";

let upstream: ScriptedUpstream;
let receiver: IngestReceiver;
let genchi: Genchi;
let logged: LoggedCall[];
let openai: OpenAI;
let plain: OpenAI;

const messages = [{ role: "user" as const, content: "What is the capital of France?" }];

beforeAll(async () => {
  upstream = await startScriptedUpstream();
  receiver = await startIngestReceiver();
  genchi = new Genchi({ url: receiver.url, key: "gk_test", flushOnExit: false, onError: () => {} });
  const options = { baseURL: `${upstream.url}/v1`, apiKey: "sk-test", maxRetries: 0 };
  plain = new OpenAI(options);
  openai = wrapOpenAI(new OpenAI(options), {
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

describe("wrapOpenAI, non-streaming", () => {
  it("returns what the client returns and logs the call with model, usage and timing", async () => {
    upstream.script({ type: "text", text: "Paris." }, { type: "text", text: "Paris." });
    const wrapped = await openai.chat.completions.create({ model: "gpt-4o-mini", messages });
    const unwrapped = await plain.chat.completions.create({ model: "gpt-4o-mini", messages });
    const { id: _a, created: _b, ...mine } = wrapped;
    const { id: _c, created: _d, ...theirs } = unwrapped;
    expect(mine).toEqual(theirs);
    expect(logged).toHaveLength(1);
    const call = logged[0]!;
    expect(callIdOf(wrapped)).toBe(call.id);
    expect(call).toMatchObject({
      source: "sdk",
      provider: "openai",
      route: "capitals",
      tags: ["test"],
      requestedModel: "gpt-4o-mini",
      model: "gpt-4o-mini-2024-07-18",
      input: messages,
      output: { role: "assistant", content: "Paris." },
      status: "ok",
      finishReason: "stop",
      usage: {
        inputTokens: wrapped.usage?.prompt_tokens,
        outputTokens: wrapped.usage?.completion_tokens,
        cachedInputTokens: 0,
      },
      ttftMs: null,
    });
    expect(call.latencyMs).toBeGreaterThan(0);
    await genchi.flush();
    expect(receiver.calls.get(call.id)).toMatchObject({ id: call.id, model: "gpt-4o-mini-2024-07-18" });
  });

  it("keeps the APIPromise: withResponse() and asResponse() work as before", async () => {
    const promise = openai.chat.completions.create({ model: "gpt-4o-mini", messages });
    expect(typeof promise.withResponse).toBe("function");
    const { data, response } = await promise.withResponse();
    expect(response.status).toBe(200);
    expect(callIdOf(data)).toBe(callIdOf(promise));
    expect(logged).toHaveLength(1);

    const raw = await openai.chat.completions.create({ model: "gpt-4o-mini", messages }).asResponse();
    const body = (await raw.json()) as { choices: unknown[] };
    expect(body.choices).toHaveLength(1);
  });

  it("snapshots the message list: pushing the reply afterwards does not change the log", async () => {
    const history: Array<{ role: "user" | "assistant"; content: string }> = [{ role: "user", content: "hi" }];
    const reply = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: history });
    history.push({ role: "assistant", content: reply.choices[0]?.message.content ?? "" });
    expect(logged[0]?.input).toHaveLength(1);
  });

  it("lets the error reach the caller unchanged and logs it", async () => {
    upstream.script({ type: "error", status: 429 });
    const error = await openai.chat.completions
      .create({ model: "gpt-4o-mini", messages })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      status: "error",
      output: null,
      model: null,
      requestedModel: "gpt-4o-mini",
    });
    expect(logged[0]?.error).toMatch(/^429 Rate limit reached/);
  });

  it("logs tool calls as the output message", async () => {
    upstream.script({
      type: "tool_calls",
      toolCalls: [{ name: "get_weather", arguments: { city: "Paris" } }],
    });
    await openai.chat.completions.create({ model: "gpt-4o-mini", messages });
    expect(logged[0]).toMatchObject({
      finishReason: "tool_calls",
      output: {
        tool_calls: [{ type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }],
      },
    });
  });

  it("logs .parse() helper calls once, with the id on the parsed completion", async () => {
    upstream.script({ type: "json", value: { capital: "Paris" } });
    const parsed = await openai.chat.completions.parse({
      model: "gpt-4o-mini",
      messages,
      response_format: { type: "json_object" },
    });
    expect(logged).toHaveLength(1);
    expect(callIdOf(parsed)).toBe(logged[0]?.id);
  });

  it("takes route, user, session and tags from withCallContext", async () => {
    await withCallContext(
      { userId: "u_1", sessionId: "s_1", tags: ["beta"], metadata: { plan: "pro" } },
      async () => {
        await Promise.resolve();
        await openai.chat.completions.create({ model: "gpt-4o-mini", messages });
      },
    );
    expect(logged[0]).toMatchObject({
      route: "capitals",
      userId: "u_1",
      sessionId: "s_1",
      tags: ["test", "beta"],
      metadata: { plan: "pro" },
    });
  });

  it("wraps a client only once", async () => {
    const again = wrapOpenAI(openai, { genchi, onCall: (c) => logged.push(c) });
    expect(again).toBe(openai);
    await openai.chat.completions.create({ model: "gpt-4o-mini", messages });
    expect(logged).toHaveLength(1);
  });
});

describe("wrapOpenAI, streaming", () => {
  it("passes the same chunks through and logs content, usage and ttft from include_usage", async () => {
    upstream.script({ type: "text", text: "Paris is the capital.", chunkDelayMs: 5 });
    const stream = await openai.chat.completions.create({
      model: "gpt-4o-mini",
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(callIdOf(stream)).toBeDefined();
    expect(logged).toHaveLength(0);
    const chunks = await drain(stream);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toBe("Paris is the capital.");
    const usage = chunks.at(-1)?.usage;
    expect(logged).toHaveLength(1);
    const call = logged[0]!;
    expect(call.id).toBe(callIdOf(stream));
    expect(call).toMatchObject({
      status: "ok",
      model: "gpt-4o-mini-2024-07-18",
      output: { role: "assistant", content: "Paris is the capital." },
      finishReason: "stop",
      usage: { inputTokens: usage?.prompt_tokens, outputTokens: usage?.completion_tokens },
    });
    expect(call.ttftMs).toBeGreaterThan(0);
    expect(call.ttftMs).toBeLessThanOrEqual(call.latencyMs!);
  });

  it("does not add include_usage: the request and the chunks stay the caller's", async () => {
    const stream = await openai.chat.completions.create({ model: "gpt-4o-mini", messages, stream: true });
    const chunks = await drain(stream);
    const sent = upstream.requests[0]?.body as Record<string, unknown>;
    expect(sent["stream_options"]).toBeUndefined();
    expect(chunks.every((c) => c.usage === undefined)).toBe(true);
    expect(logged[0]).toMatchObject({
      status: "ok",
      output: { content: "echo: What is the capital of France?" },
    });
    expect(logged[0]).not.toHaveProperty("usage"); // left out, so that the server counts the tokens
  });

  it("accumulates streamed tool calls", async () => {
    upstream.script({
      type: "tool_calls",
      toolCalls: [
        { name: "get_weather", arguments: { city: "Paris" } },
        { name: "get_time", arguments: { tz: "Europe/Paris" } },
      ],
    });
    await drain(await openai.chat.completions.create({ model: "gpt-4o-mini", messages, stream: true }));
    expect(logged[0]).toMatchObject({
      finishReason: "tool_calls",
      output: {
        content: null,
        tool_calls: [
          { function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
          { function: { name: "get_time", arguments: '{"tz":"Europe/Paris"}' } },
        ],
      },
    });
  });

  it("logs a stream the caller stops reading as aborted, with the partial output", async () => {
    upstream.script({ type: "text", text: "one two three four five" });
    const stream = await openai.chat.completions.create({ model: "gpt-4o-mini", messages, stream: true });
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content === " two") break;
    }
    expect(logged[0]).toMatchObject({ status: "error", output: { content: "one two" }, finishReason: null });
    expect(logged[0]?.error).toMatch(/^aborted: the caller stopped reading/);
  });

  it("logs a stream cut by the upstream as an error, and the caller still gets the error", async () => {
    upstream.script({ type: "text", text: "one two three four", cutAfterChunks: 2 });
    const stream = await openai.chat.completions.create({ model: "gpt-4o-mini", messages, stream: true });
    await expect(drain(stream)).rejects.toThrow();
    expect(logged[0]).toMatchObject({ status: "error", output: { content: "one" } });
  });

  it("works through tee() as well", async () => {
    upstream.script({ type: "text", text: "a b c" });
    const stream = await openai.chat.completions.create({ model: "gpt-4o-mini", messages, stream: true });
    const [left, right] = stream.tee();
    const [l, r] = await Promise.all([drain(left), drain(right)]);
    expect(l.length).toBe(r.length);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ status: "ok", output: { content: "a b c" } });
  });

  it("logs failed stream requests (no stream object at all)", async () => {
    upstream.script({ type: "error", status: 500 });
    const error = await openai.chat.completions
      .create({ model: "gpt-4o-mini", messages, stream: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect(logged[0]).toMatchObject({ status: "error" });
  });
});
