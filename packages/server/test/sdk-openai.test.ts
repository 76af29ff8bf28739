/**
 * End to end: the official `openai` client, pointed at the scripted upstream and wrapped by
 * the SDK, logging to a real genchi server (SQLite). Calls show up in the REST API with
 * served model, tokens, cost and timing; SDK feedback shows up on the call with its label.
 */

import { type ScriptedUpstream, startScriptedUpstream } from "@genchi/scripted-upstream";
import { callIdOf, Genchi, wrapOpenAI } from "@genchi/sdk";
import type { CallDetail, CallsPage, GenchiError } from "@genchi/spec";
import { createTempSqlitePath } from "@genchi/testkit";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../src/app/start-server.js";

const key = "gk_test_sdk_openai_0123456789";

describe("SDK + openai client → genchi server", () => {
  let upstream: ScriptedUpstream;
  let server: RunningServer;
  let tmp: ReturnType<typeof createTempSqlitePath>;
  let genchi: Genchi;
  let openai: OpenAI;
  const errors: GenchiError[] = [];

  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    upstream = await startScriptedUpstream();
    tmp = createTempSqlitePath();
    server = await startServer({
      db: tmp.path,
      port: 0,
      host: "127.0.0.1",
      initProjectKey: key,
      quiet: true,
    });
    genchi = new Genchi({ url: server.url, key, flushOnExit: false, onError: (e) => errors.push(e) });
    openai = wrapOpenAI(new OpenAI({ baseURL: `${upstream.url}/v1`, apiKey: "sk-test", maxRetries: 0 }), {
      genchi,
      route: "capitals",
      userId: "user-1",
    });
  });

  afterAll(async () => {
    await genchi?.shutdown({ timeoutMs: 2000 });
    await server?.close();
    await upstream?.close();
    tmp?.remove();
  });

  it("logs a non-streaming call with served model, tokens, cost and latency", async () => {
    upstream.script({ type: "text", text: "Paris.", usage: { inputTokens: 1000, outputTokens: 200 } });
    const reply = await openai.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Capital of France?" }],
    });
    expect(reply.choices[0]?.message.content).toBe("Paris.");
    const id = callIdOf(reply)!;
    await genchi.flush();

    const page = await api<CallsPage>("/api/v1/calls?route=capitals");
    const call = page.data.find((c) => c.id === id);
    expect(call).toMatchObject({
      source: "sdk",
      provider: "openai",
      route: "capitals",
      userId: "user-1",
      requestedModel: "gpt-4o-mini",
      model: "gpt-4o-mini-2024-07-18",
      status: "ok",
      finishReason: "stop",
      input: [{ role: "user", content: "Capital of France?" }],
      output: { role: "assistant", content: "Paris." },
      usage: { inputTokens: 1000, outputTokens: 200 },
    });
    expect(call?.costUsd).toBeCloseTo((1000 * 0.15 + 200 * 0.6) / 1_000_000, 10);
    expect(call?.latencyMs).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it("logs a streaming call with usage from include_usage and a time to first token", async () => {
    upstream.script({ type: "text", text: "Paris is the capital of France.", chunkDelayMs: 5 });
    const stream = await openai.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Capital of France, in a sentence?" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      usage = chunk.usage ?? usage;
    }
    expect(text).toBe("Paris is the capital of France.");
    const id = callIdOf(stream)!;
    await genchi.flush();

    const call = await api<CallDetail>(`/api/v1/calls/${id}`);
    expect(call).toMatchObject({
      model: "gpt-4o-mini-2024-07-18",
      status: "ok",
      output: { role: "assistant", content: "Paris is the capital of France." },
      usage: { inputTokens: usage?.prompt_tokens, outputTokens: usage?.completion_tokens },
    });
    expect(call.costUsd).toBeGreaterThan(0);
    expect(call.ttftMs).toBeGreaterThan(0);
    expect(call.latencyMs).toBeGreaterThanOrEqual(call.ttftMs!);
  });

  it("lets the server count tokens for a stream without include_usage", async () => {
    const stream = await openai.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Say something" }],
      stream: true,
    });
    for await (const _ of stream) {
      // read to the end
    }
    await genchi.flush();
    const call = await api<CallDetail>(`/api/v1/calls/${callIdOf(stream)}`);
    expect(call.usage).toMatchObject({ estimated: true });
    expect(call.usage?.outputTokens).toBeGreaterThan(0);
    expect(call.costUsd).toBeGreaterThan(0);
  });

  it("logs a failed call as an error", async () => {
    upstream.script({ type: "error", status: 429 });
    const promise = openai.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "x" }],
    });
    await expect(promise).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    await genchi.flush();
    const call = await api<CallDetail>(`/api/v1/calls/${callIdOf(promise)}`);
    expect(call).toMatchObject({ status: "error", requestedModel: "gpt-4o-mini" });
    expect(call.error).toMatch(/429/);
  });

  it("attaches SDK feedback to the call, with its derived label", async () => {
    const reply = await openai.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Capital of Australia?" }],
    });
    const callId = callIdOf(reply)!;
    genchi.feedback({ callId, kind: "thumbs_down", comment: "should be Canberra", userId: "user-1" });
    await genchi.flush();

    const call = await api<CallDetail>(`/api/v1/calls/${callId}`);
    expect(call.feedback).toHaveLength(1);
    expect(call.feedback[0]).toMatchObject({
      callId,
      kind: "thumbs_down",
      label: "negative",
      comment: "should be Canberra",
      userId: "user-1",
    });
    expect(genchi.stats()).toMatchObject({ failed: 0, dropped: 0, buffered: 0 });
  });
});
