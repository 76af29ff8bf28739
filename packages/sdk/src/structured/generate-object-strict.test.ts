/**
 * `generateObject` in `json_schema` mode asks for OpenAI strict structured outputs where the
 * provider's capabilities say it can: the request body the scripted upstream records carries
 * `strict: true` and the strict form of the schema; a schema strict mode cannot express is
 * sent with `strict: false` and a note; other providers get the request as before.
 */
import { type ScriptedUpstream, startScriptedUpstream } from "@genchi/scripted-upstream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { Genchi } from "../genchi.js";
import { type IngestReceiver, startIngestReceiver } from "../test-support/ingest-receiver.js";
import { generateObject } from "./generate-object.js";
import { structuredCapabilities } from "./provider-capabilities.js";

let upstream: ScriptedUpstream;
let receiver: IngestReceiver;
let genchi: Genchi;

const listing = z.object({
  title: z.string(),
  color: z.enum(["black", "brown"]).optional(),
  sizes: z.array(z.object({ eu: z.number(), note: z.string().optional() })),
});
const messages = [{ role: "user", content: "Describe: black leather boots, EU 41-43" }];

type ResponseFormat = {
  type: string;
  json_schema: { name: string; strict?: boolean; schema: Record<string, unknown> };
};
const sentFormat = () =>
  (upstream.requests.at(-1)!.body as { response_format?: ResponseFormat }).response_format;

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

const base = () => ({ baseURL: `${upstream.url}/v1`, genchi, messages, name: "listing" });

async function structuredMeta(callId: string) {
  await genchi.flush();
  return (receiver.calls.get(callId)!["metadata"] as { structured: Record<string, unknown> }).structured;
}

describe("generateObject json_schema strict", () => {
  it("sends strict: true with every property required and the optional ones nullable", async () => {
    upstream.script({
      type: "json",
      value: {
        title: "Boots",
        color: null,
        sizes: [
          { eu: 41, note: null },
          { eu: 42, note: "runs small" },
        ],
      },
    });
    const result = await generateObject({ ...base(), model: "gpt-4o-mini", schema: listing });
    const format = sentFormat()!;
    expect(format.type).toBe("json_schema");
    expect(format.json_schema).toMatchObject({ name: "listing", strict: true });
    expect(format.json_schema.schema).toMatchObject({
      additionalProperties: false,
      required: ["title", "color", "sizes"],
      properties: {
        color: { type: ["string", "null"], enum: ["black", "brown", null] },
        sizes: {
          items: {
            required: ["eu", "note"],
            additionalProperties: false,
            properties: { note: { type: ["string", "null"] } },
          },
        },
      },
    });
    // The nulls standing for absent optional properties are taken out before validation.
    expect(result.object).toEqual({ title: "Boots", sizes: [{ eu: 41 }, { eu: 42, note: "runs small" }] });
    expect(result.attempts[0]?.valid).toBe(true);
    expect(await structuredMeta(result.callId)).toMatchObject({ strict: true, outcome: "first_try" });
  });

  it("falls back to strict: false with a note when the schema cannot be made strict", async () => {
    upstream.script({ type: "json", value: { title: "Boots", stock: { "41": 3 } } });
    const result = await generateObject({
      ...base(),
      model: "gpt-4o-mini",
      schema: z.object({ title: z.string(), stock: z.record(z.string(), z.number()) }),
    });
    const format = sentFormat()!;
    expect(format.json_schema.strict).toBe(false);
    expect(format.json_schema.schema["properties"]).toEqual({
      title: { type: "string" },
      stock: { type: "object", propertyNames: { type: "string" }, additionalProperties: { type: "number" } },
    });
    expect(result.object).toEqual({ title: "Boots", stock: { "41": 3 } });
    const meta = await structuredMeta(result.callId);
    expect(meta["strict"]).toBe(false);
    expect(meta["strictNote"]).toMatch(/stock: allows properties beyond the declared ones/);
    expect(result.notes).toEqual([meta["strictNote"]]);
  });

  it("leaves the request as it was for a provider without strict json_schema, and with strict: false", async () => {
    expect(structuredCapabilities["openai"]?.strictJsonSchema).toBe(true);
    const sent = { title: "Boots", sizes: [] };
    upstream.script(
      { type: "json", value: sent },
      { type: "json", value: sent },
      { type: "json", value: sent },
    );
    const original = z.toJSONSchema(listing) as Record<string, unknown>;
    delete original["$schema"];
    for (const options of [
      { model: "mistralai/mistral-small" },
      { model: "gpt-4o-mini", provider: "vllm" },
      { model: "gpt-4o-mini", strict: false },
    ]) {
      const result = await generateObject({ ...base(), ...options, schema: listing });
      expect(sentFormat()?.json_schema).toEqual({ name: "listing", schema: original });
      expect(result.notes).toEqual([]);
      expect((await structuredMeta(result.callId))["strict"]).toBeUndefined();
    }
  });

  it("reads the provider from a provider/model id, as the gateway routes it", async () => {
    upstream.script({ type: "json", value: { title: "Boots", sizes: [] } });
    await generateObject({ ...base(), model: "openai/gpt-4o-mini", schema: listing });
    expect(sentFormat()?.json_schema.strict).toBe(true);
  });

  it("does not touch the other modes", async () => {
    upstream.script({
      type: "tool_calls",
      toolCalls: [{ name: "listing", arguments: { title: "Boots", sizes: [] } }],
    });
    await generateObject({ ...base(), model: "gpt-4o-mini", mode: "tool", schema: listing });
    const body = upstream.requests.at(-1)?.body as { tools: Array<{ function: Record<string, unknown> }> };
    expect(body.tools[0]?.function["strict"]).toBeUndefined();
    expect(body.tools[0]?.function["parameters"]).toMatchObject({ required: ["title", "sizes"] });
  });
});
