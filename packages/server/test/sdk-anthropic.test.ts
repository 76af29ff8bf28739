/**
 * End to end: the official `@anthropic-ai/sdk` client, pointed at the scripted upstream and
 * wrapped by the SDK, logging to a real genchi server (SQLite). The stored calls carry what
 * the upstream sent: served model, tokens (cache reads included), stop reason, output, timing.
 */
import Anthropic from "@anthropic-ai/sdk";
import { callIdOf, Genchi, wrapAnthropic } from "@genchi/sdk";
import type { CallDetail, GenchiError } from "@genchi/spec";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayHarness, startGatewayHarness } from "./gateway-harness.js";

describe("SDK + @anthropic-ai/sdk client → genchi server", () => {
  let harness: GatewayHarness;
  let genchi: Genchi;
  let anthropic: Anthropic;
  const errors: GenchiError[] = [];

  const stored = async (id: string): Promise<CallDetail> => {
    await genchi.flush();
    const res = await fetch(`${harness.server.url}/api/v1/calls/${id}`, {
      headers: { authorization: `Bearer ${harness.key}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as CallDetail;
  };

  beforeAll(async () => {
    harness = await startGatewayHarness();
    genchi = new Genchi({
      url: harness.server.url,
      key: harness.key,
      flushOnExit: false,
      onError: (e) => errors.push(e),
    });
    anthropic = wrapAnthropic(
      new Anthropic({ baseURL: harness.upstream.url, apiKey: "sk-ant-test", maxRetries: 0 }),
      {
        genchi,
        route: "support-reply",
        userId: "user-1",
      },
    );
  });

  afterAll(async () => {
    await genchi?.shutdown({ timeoutMs: 2000 });
    await harness?.close();
  });

  it("stores a message with the upstream's model, usage (cache reads included) and stop reason", async () => {
    harness.upstream.script({
      type: "text",
      text: "Your order ships tomorrow.",
      usage: { inputTokens: 300, outputTokens: 7, cachedInputTokens: 1200 },
    });
    const reply = await anthropic.messages.create({
      model: "claude-3-5-sonnet-latest",
      max_tokens: 200,
      system: "You are a support agent.",
      messages: [{ role: "user", content: "When does my order ship?" }],
    });
    const sent = JSON.parse(harness.upstream.requests.at(-1)!.rawBody) as Record<string, unknown>;
    const call = await stored(callIdOf(reply)!);
    expect(call).toMatchObject({
      source: "sdk",
      provider: "anthropic",
      route: "support-reply",
      userId: "user-1",
      requestedModel: sent["model"],
      model: reply.model,
      status: "ok",
      error: null,
      finishReason: reply.stop_reason,
      input: [{ role: "system", content: sent["system"] }, ...(sent["messages"] as unknown[])],
      output: { role: "assistant", content: "Your order ships tomorrow." },
      usage: {
        inputTokens: reply.usage.input_tokens + (reply.usage.cache_read_input_tokens ?? 0),
        outputTokens: reply.usage.output_tokens,
        cachedInputTokens: reply.usage.cache_read_input_tokens,
      },
    });
    expect(reply.model).toBe("claude-3-5-sonnet-20241022");
    expect(call.usage).toMatchObject({ inputTokens: 1500, outputTokens: 7, cachedInputTokens: 1200 });
    expect(call.latencyMs).toBeGreaterThan(0);
    expect(call.ttftMs).toBeNull();
    expect(errors).toEqual([]);
  });

  it("stores a streamed message with usage from message_start and message_delta and a ttft", async () => {
    harness.upstream.script({
      type: "tool_calls",
      text: "Checking.",
      toolCalls: [{ name: "lookup_order", arguments: { orderId: "A-17" } }],
      chunkDelayMs: 2,
    });
    const stream = await anthropic.messages.create({
      model: "claude-sonnet-4-0",
      max_tokens: 200,
      messages: [{ role: "user", content: "Where is order A-17?" }],
      stream: true,
    });
    let start: Anthropic.Message | undefined;
    let outputTokens: number | undefined;
    let toolId: string | undefined;
    for await (const event of stream) {
      if (event.type === "message_start") start = event.message;
      if (event.type === "message_delta") outputTokens = event.usage.output_tokens;
      if (event.type === "content_block_start" && event.content_block.type === "tool_use") {
        toolId = event.content_block.id;
      }
    }
    const call = await stored(callIdOf(stream)!);
    expect(call).toMatchObject({
      requestedModel: "claude-sonnet-4-0",
      model: start?.model,
      status: "ok",
      finishReason: "tool_use",
      output: {
        role: "assistant",
        content: "Checking.",
        tool_calls: [
          {
            id: toolId,
            type: "function",
            function: { name: "lookup_order", arguments: '{"orderId":"A-17"}' },
          },
        ],
      },
      usage: { inputTokens: start?.usage.input_tokens, outputTokens, cachedInputTokens: 0 },
    });
    expect(call.costUsd).toBeGreaterThan(0);
    expect(call.ttftMs).toBeGreaterThan(0);
    expect(call.latencyMs).toBeGreaterThanOrEqual(call.ttftMs!);
  });

  it("stores an API error with its status, and the caller gets the SDK's own error", async () => {
    harness.upstream.script({ type: "error", status: 529 });
    const promise = anthropic.messages.create({
      model: "claude-3-5-haiku-latest",
      max_tokens: 10,
      messages: [{ role: "user", content: "x" }],
    });
    const error = await promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    const call = await stored(callIdOf(promise)!);
    expect(call).toMatchObject({
      status: "error",
      provider: "anthropic",
      requestedModel: "claude-3-5-haiku-latest",
    });
    expect(call.error).toContain("529");
    expect(call.error).toContain("Overloaded");
  });
});
