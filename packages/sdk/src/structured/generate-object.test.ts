/**
 * `generateObject` against the scripted upstream over real HTTP: every mode, repair, the
 * re-ask loop (the retry carries the errors), and the typed error holding every attempt.
 * Attempts are logged to a real ingest endpoint.
 */
import { type ScriptedUpstream, startScriptedUpstream } from "@genchi/scripted-upstream";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { withCallContext } from "../call-context.js";
import { Genchi } from "../genchi.js";
import { type IngestReceiver, startIngestReceiver } from "../test-support/ingest-receiver.js";
import { generateObject } from "./generate-object.js";
import { GenerateObjectError } from "./generate-object-error.js";
import { type StructuredMode, structuredModes } from "./structured-mode.js";

let upstream: ScriptedUpstream;
let receiver: IngestReceiver;
let genchi: Genchi;

const product = z.object({ category: z.enum(["shoes", "outerwear", "bags"]), confidence: z.number() });
const messages = [{ role: "user", content: "Categorize: waterproof hiking boots" }];

beforeAll(async () => {
  upstream = await startScriptedUpstream();
  receiver = await startIngestReceiver();
  genchi = new Genchi({ url: receiver.url, key: "gk_test", flushOnExit: false, onError: () => {} });
});

afterAll(async () => {
  await genchi.shutdown();
  await upstream.close();
  await receiver.close();
});

beforeEach(() => upstream.reset());

type Body = { messages: Array<{ role: string; content: string }>; [k: string]: unknown };
const bodies = () => upstream.requests.map((r) => r.body as Body);

async function loggedStructured(callIds: string[]) {
  await genchi.flush();
  return callIds.map(
    (id) => (receiver.calls.get(id)?.["metadata"] as { structured: Record<string, unknown> })?.structured,
  );
}

describe("generateObject", () => {
  it("returns the typed object when the first reply is valid, and logs one attempt", async () => {
    upstream.script({ type: "json", value: { category: "shoes", confidence: 0.9 } });
    const result = await generateObject({
      baseURL: `${upstream.url}/v1`,
      apiKey: "sk-test",
      genchi,
      route: "categorize",
      model: "gpt-4o-mini",
      schema: product,
      messages,
    });
    expect(result.object).toEqual({ category: "shoes", confidence: 0.9 });
    expect(result.attempts).toHaveLength(1);
    expect(bodies()[0]?.["response_format"]).toMatchObject({
      type: "json_schema",
      json_schema: { name: "result" },
    });
    const [meta] = await loggedStructured([result.callId]);
    expect(meta).toMatchObject({
      attempt: 1,
      mode: "json_schema",
      valid: true,
      final: true,
      outcome: "first_try",
    });
    expect(receiver.calls.get(result.callId)?.["route"]).toBe("categorize");
  });

  it("re-asks after invalid JSON, and the second request carries the output and the error", async () => {
    upstream.script(
      { type: "text", text: "Sure! The category is shoes." },
      { type: "json", value: { category: "shoes", confidence: 1 } },
    );
    const result = await generateObject({
      client: new OpenAI({ baseURL: `${upstream.url}/v1`, apiKey: "sk-test", maxRetries: 0 }),
      genchi,
      route: "categorize",
      model: "gpt-4o-mini",
      schema: product,
      messages,
    });
    expect(result.object.category).toBe("shoes");
    expect(result.attempts.map((a) => a.valid)).toEqual([false, true]);
    const second = bodies()[1]!.messages;
    expect(second.at(-2)).toEqual({ role: "assistant", content: "Sure! The category is shoes." });
    expect(second.at(-1)?.content).toContain("not valid JSON");
    const metas = await loggedStructured(result.attempts.map((a) => a.callId));
    expect(metas.map((m) => [m?.["attempt"], m?.["valid"], m?.["final"], m?.["outcome"]])).toEqual([
      [1, false, false, undefined],
      [2, true, true, "after_retries"],
    ]);
  });

  it("reads JSON in a markdown fence and repairs what jsonrepair can", async () => {
    upstream.script({
      type: "text",
      text: 'Here it is:\n```json\n{"category": "bags", confidence: 0.5,}\n```\nAnything else?',
    });
    const result = await generateObject({
      baseURL: `${upstream.url}/v1`,
      genchi,
      model: "gpt-4o-mini",
      mode: "md_json",
      schema: product,
      messages,
    });
    expect(result.object).toEqual({ category: "bags", confidence: 0.5 });
    expect(result.attempts[0]).toMatchObject({ valid: true, repaired: true });
    expect(bodies()[0]?.messages[0]).toMatchObject({ role: "system" });
    expect(bodies()[0]?.messages[0]?.content).toContain("```json");
  });

  it("fixes a schema violation on retry, with the violation in the re-ask (JSON Schema input)", async () => {
    upstream.script(
      { type: "json", value: { category: "hats", confidence: 0.4 } },
      { type: "json", value: { category: "bags", confidence: 0.4 } },
    );
    const result = await generateObject<{ category: string }>({
      baseURL: `${upstream.url}/v1`,
      genchi,
      model: "gpt-4o-mini",
      schema: {
        type: "object",
        properties: { category: { enum: ["shoes", "outerwear", "bags"] }, confidence: { type: "number" } },
        required: ["category", "confidence"],
      },
      messages,
    });
    expect(result.object.category).toBe("bags");
    expect(result.attempts[0]?.errors.join()).toContain("category");
    expect(bodies()[1]!.messages.at(-1)?.content).toContain(
      "category: must be equal to one of the allowed values",
    );
  });

  it("throws a typed error holding every attempt when no reply is ever valid", async () => {
    upstream.script(
      { type: "json", value: { category: "hats" } },
      { type: "text", text: "no idea" },
      { type: "json", value: [1, 2] },
    );
    const failure = await generateObject({
      baseURL: `${upstream.url}/v1`,
      genchi,
      route: "categorize",
      model: "gpt-4o-mini",
      schema: product,
      messages,
      maxRetries: 2,
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(GenerateObjectError);
    const error = failure as GenerateObjectError;
    expect(error.code).toBe("GENCHI_NO_OBJECT");
    expect(error.attempts.map((a) => [a.attempt, a.raw, a.valid])).toEqual([
      [1, '{"category":"hats"}', false],
      [2, "no idea", false],
      [3, "[1,2]", false],
    ]);
    expect(upstream.requests).toHaveLength(3);
    const metas = await loggedStructured(error.attempts.map((a) => a.callId));
    expect(metas[2]).toMatchObject({ final: true, outcome: "failed" });
  });

  it("logs attempts with the ambient withCallContext, its own options winning", async () => {
    upstream.script({ type: "json", value: { category: "bags", confidence: 1 } });
    const result = await withCallContext(
      { userId: "u-7", route: "ambient", metadata: { experiment: "b" } },
      () =>
        generateObject({
          baseURL: `${upstream.url}/v1`,
          genchi,
          route: "categorize",
          model: "gpt-4o-mini",
          schema: product,
          messages,
        }),
    );
    await genchi.flush();
    const call = receiver.calls.get(result.callId)!;
    expect(call).toMatchObject({ route: "categorize", userId: "u-7", tags: ["genchi:structured"] });
    expect(call["metadata"]).toMatchObject({ experiment: "b", structured: { outcome: "first_try" } });
  });

  it("reports an upstream failure as GENCHI_UPSTREAM with the attempts so far", async () => {
    // A 400 fails at once; transient ones (429, 5xx) are retried: generate-object-retry.test.ts.
    upstream.script({ type: "error", status: 400 });
    const failure = (await generateObject({
      baseURL: `${upstream.url}/v1`,
      genchi,
      model: "gpt-4o-mini",
      schema: product,
      messages,
    }).catch((e: unknown) => e)) as GenerateObjectError;
    expect(failure.code).toBe("GENCHI_UPSTREAM");
    expect(failure.attempts).toEqual([]);
  });

  const expected: Record<StructuredMode, (body: Body) => void> = {
    json_schema: (b) => expect(b["response_format"]).toMatchObject({ type: "json_schema" }),
    tool: (b) => {
      expect(b["tool_choice"]).toEqual({ type: "function", function: { name: "product" } });
      expect(b["tools"]).toMatchObject([{ function: { name: "product", parameters: { type: "object" } } }]);
    },
    json: (b) => {
      expect(b["response_format"]).toEqual({ type: "json_object" });
      expect(b.messages[0]?.content).toContain('"category"');
    },
    md_json: (b) => {
      expect(b["response_format"]).toBeUndefined();
      expect(b.messages[0]?.content).toContain("```json");
    },
  };

  it.each(structuredModes)("mode %s asks the right way and reads the reply", async (mode) => {
    const value = { category: "outerwear", confidence: 0.7 };
    upstream.script(
      mode === "tool"
        ? { type: "tool_calls", toolCalls: [{ name: "product", arguments: value }] }
        : mode === "md_json"
          ? { type: "text", text: `\`\`\`json\n${JSON.stringify(value)}\n\`\`\`` }
          : { type: "json", value },
    );
    const result = await generateObject({
      baseURL: `${upstream.url}/v1`,
      genchi,
      model: "gpt-4o-mini",
      mode,
      name: "product",
      schema: product,
      messages,
    });
    expect(result.object).toEqual(value);
    expected[mode](bodies()[0]!);
    const [meta] = await loggedStructured([result.callId]);
    expect(meta).toMatchObject({ mode, outcome: "first_try" });
  });
});
