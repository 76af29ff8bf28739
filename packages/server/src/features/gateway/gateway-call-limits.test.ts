/**
 * Whatever a client and an upstream send, the call the gateway builds passes ingest's
 * validation (so it is stored, not refused), the exchange it was built from is left as it was
 * (shadowing replays the request body), and a call that fits already is not copied or warned
 * about. Seeded random bodies in every dialect, plus the exact cases of gateway-call-limits.test.ts.
 */
import { callInSchema } from "@genchi/spec";
import { describe, expect, it } from "vitest";
import { normalizeCall } from "../calls/normalize-call.js";
import type { GatewayPath } from "./dialects.js";
import { buildGatewayCall, type Exchange } from "./gateway-call.js";
import { cut, fitCallLimits } from "./gateway-call-limits.js";

/** mulberry32: a small seeded generator, so a failure replays. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function junkMaker(rand: () => number) {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const text = (): string => {
    const length = pick([0, 1, 5, 63, 64, 65, 200, 511, 512, 513, 700]);
    const unit = pick(["a", "é", "😀", "\u0000", " "]);
    return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  };
  const scalar = (): unknown => pick([() => text(), () => -3, () => 2.5, () => 7, () => null, () => true])();
  const value = (depth = 0): unknown =>
    depth > 2 || rand() < 0.5
      ? scalar()
      : rand() < 0.5
        ? [value(depth + 1), value(depth + 1)]
        : { type: value(depth + 1), text: value(depth + 1), name: value(depth + 1) };
  const maybe = (make: () => unknown): unknown => (rand() < 0.5 ? make() : undefined);
  const toolCall = () =>
    rand() < 0.2
      ? scalar()
      : {
          id: maybe(scalar),
          type: maybe(scalar),
          function: maybe(() => (rand() < 0.2 ? scalar() : { name: value(), arguments: value() })),
        };
  const message = () => ({
    role: rand() < 0.7 ? text() : "user",
    content: pick([
      () => text(),
      () => null,
      () => [value(), { type: "text", text: value() }],
      () => value(),
    ])(),
    name: maybe(scalar),
    tool_call_id: maybe(scalar),
    tool_calls: maybe(() => (rand() < 0.2 ? scalar() : [toolCall(), toolCall()])),
  });
  const token = () => pick([-3, 2.5, 7, null, "9"]);
  return { pick, text, value, message, token };
}

function exchangeOf(
  path: GatewayPath,
  requestBody: Record<string, unknown>,
  response: unknown,
  stream = false,
): Exchange {
  const body = stream
    ? Buffer.from(
        (response as unknown[]).map((e) => `data: ${JSON.stringify(e)}\n\n`).join("") + "data: [DONE]\n\n",
      )
    : Buffer.from(JSON.stringify(response));
  return {
    id: "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
    timestamp: "2026-11-01T12:00:00.000Z",
    path,
    upstream: "openai",
    requestBody,
    requestedModel: typeof requestBody["model"] === "string" ? requestBody["model"] : null,
    forwardedModel: typeof requestBody["model"] === "string" ? requestBody["model"] : null,
    meta: { route: null, userId: null, sessionId: null, promptVersion: null, tags: [] },
    warnings: [],
    resolvedFrom: null,
    status: 200,
    responseHeaders: { "content-type": stream ? "text/event-stream" : "application/json" },
    chunks: [body],
    chunkTimes: [5],
    complete: true,
    latencyMs: 12,
    gatewayError: null,
  };
}

describe("gateway calls fitted to ingest's limits", () => {
  it("cut keeps max characters, the last one …, and never splits a surrogate pair", () => {
    expect(cut("abcdef", 4)).toBe("abc…");
    expect(cut("abcd", 4)).toBe("abcd");
    expect(cut("ab😀cd", 4)).toBe("ab…");
    expect(cut("ab😀cd", 5)).toBe("ab😀…");
  });

  it("a call that fits already is left as it is, without a warning", () => {
    const x = exchangeOf(
      "/v1/chat/completions",
      { model: "gpt-4o-mini", messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }] },
      {
        model: "gpt-4o-mini-2024-07-18",
        choices: [{ message: { role: "assistant", content: "hello" }, finish_reason: "stop" }],
      },
    );
    const call = buildGatewayCall(x);
    expect(call.metadata).not.toHaveProperty("warnings");
    const input = call.input;
    expect(fitCallLimits(call)).toEqual([]);
    expect(call.input).toBe(input);
  });

  it("seeded random requests and answers in every dialect: each built call passes ingest, the exchange is unchanged", () => {
    const rand = random(20261101);
    const j = junkMaker(rand);
    for (let i = 0; i < 400; i++) {
      const model = rand() < 0.7 ? j.text() : "gpt-4o";
      const messages = [j.message(), j.message(), j.message()];
      const usage = {
        prompt_tokens: j.token(),
        completion_tokens: j.token(),
        input_tokens: j.token(),
        output_tokens: j.token(),
      };
      const cases: Exchange[] = [
        exchangeOf(
          "/v1/chat/completions",
          { model, messages },
          { model: j.text(), choices: [{ message: j.message(), finish_reason: j.text() }], usage },
        ),
        exchangeOf(
          "/v1/chat/completions",
          { model, messages, stream: true },
          [
            {
              model: j.text(),
              choices: [
                {
                  delta: {
                    content: j.value(),
                    tool_calls: [
                      { index: 0, id: j.value(), function: { name: j.value(), arguments: j.value() } },
                    ],
                  },
                },
              ],
            },
            { choices: [{ delta: {}, finish_reason: j.text() }], usage },
          ],
          true,
        ),
        exchangeOf(
          "/v1/messages",
          { model, system: j.pick([j.text(), [{ type: "text", text: j.value() }]]), messages },
          {
            model: j.text(),
            content: [
              { type: "text", text: j.value() },
              { type: "tool_use", id: j.value(), name: j.value(), input: j.value() },
            ],
            stop_reason: j.text(),
            usage,
          },
        ),
        exchangeOf(
          "/v1/responses",
          { model, instructions: j.text(), input: messages },
          {
            model: j.text(),
            status: j.text(),
            output: [{ type: "function_call", call_id: j.value(), name: j.value(), arguments: j.value() }],
            usage,
          },
        ),
        exchangeOf("/v1/embeddings", { model, input: j.value() }, { model: j.text(), usage }),
      ];
      for (const x of cases) {
        const before = JSON.stringify(x.requestBody);
        const call = buildGatewayCall(x);
        const parsed = callInSchema.safeParse(call);
        const normalized = normalizeCall(call);
        expect({ i, path: x.path, issues: parsed.success ? [] : parsed.error.issues.slice(0, 3) }).toEqual({
          i,
          path: x.path,
          issues: [],
        });
        expect(normalized.ok).toBe(true);
        expect(JSON.stringify(x.requestBody)).toBe(before);
      }
    }
  });
});
