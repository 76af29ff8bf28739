/**
 * `strictSchema`: a JSON Schema made fit for OpenAI strict structured outputs (every object
 * closed, every property required, optional ones nullable), or the reason it cannot be; and
 * `restore`, which takes the nulls standing for absent optional properties back out.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { objectSchema } from "./object-schema.js";
import { strictSchema } from "./strict-schema.js";

const jsonOf = (schema: z.ZodType) => objectSchema(schema).jsonSchema;

describe("strictSchema", () => {
  it("makes optional properties required and nullable, in nested objects and arrays too", () => {
    const original = jsonOf(
      z.object({
        title: z.string(),
        note: z.string().optional(),
        size: z.enum(["s", "m"]).optional(),
        tags: z.array(z.object({ name: z.string(), weight: z.number().optional() })),
        owner: z.object({ id: z.string(), email: z.string().nullable().optional() }).optional(),
      }),
    );
    const before = structuredClone(original);
    const result = strictSchema(original);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.schema).toEqual({
      type: "object",
      properties: {
        title: { type: "string" },
        note: { type: ["string", "null"] },
        size: { type: ["string", "null"], enum: ["s", "m", null] },
        tags: {
          type: "array",
          items: {
            type: "object",
            properties: { name: { type: "string" }, weight: { type: ["number", "null"] } },
            required: ["name", "weight"],
            additionalProperties: false,
          },
        },
        owner: {
          anyOf: [
            {
              type: "object",
              properties: { id: { type: "string" }, email: { type: ["string", "null"] } },
              required: ["id", "email"],
              additionalProperties: false,
            },
            { type: "null" },
          ],
        },
      },
      required: ["title", "note", "size", "tags", "owner"],
      additionalProperties: false,
    });
    expect(original).toEqual(before); // the caller's schema is left alone
  });

  it("closes objects that left additionalProperties out, and turns oneOf into anyOf", () => {
    const result = strictSchema({
      type: "object",
      properties: {
        shape: {
          oneOf: [
            { type: "object", properties: { r: { type: "number" } }, required: ["r"] },
            { type: "object", properties: { w: { type: "number" } }, required: ["w"] },
          ],
        },
        kind: { const: "box" },
      },
      required: ["shape"],
    });
    expect(result).toMatchObject({
      ok: true,
      schema: {
        additionalProperties: false,
        required: ["shape", "kind"],
        properties: {
          shape: { anyOf: [{ additionalProperties: false }, { additionalProperties: false }] },
          kind: { anyOf: [{ const: "box" }, { type: "null" }] },
        },
      },
    });
  });

  it("keeps $defs and recursive $ref, transformed", () => {
    type Node = { name: string; children?: Node[] | undefined };
    const node: z.ZodType<Node> = z.object({
      name: z.string(),
      get children() {
        return z.array(node).optional();
      },
    });
    const result = strictSchema(jsonOf(node));
    expect(result).toMatchObject({
      ok: true,
      schema: {
        required: ["name", "children"],
        properties: { children: { type: ["array", "null"], items: { $ref: "#" } } },
      },
    });
  });

  it.each([
    ["a record", jsonOf(z.object({ counts: z.record(z.string(), z.number()) })), "counts"],
    ["an array at the root", jsonOf(z.array(z.string())), "(root)"],
    [
      "a union at the root",
      jsonOf(z.union([z.object({ a: z.string() }), z.object({ b: z.string() })])),
      "(root)",
    ],
    ["an open object", jsonOf(z.object({ extra: z.looseObject({ a: z.string() }) })), "extra"],
    ["a tuple", jsonOf(z.object({ pair: z.tuple([z.string(), z.number()]) })), "pair"],
    ["any value", jsonOf(z.object({ anything: z.unknown() })), "anything"],
    [
      "allOf",
      {
        type: "object",
        properties: { both: { allOf: [{ type: "object" }, { required: ["a"] }] } },
        required: ["both"],
      },
      "both: uses allOf",
    ],
  ])("cannot make %s strict, and says where", (_what, schema, at) => {
    const result = strictSchema(schema);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toContain(at);
  });

  it("restores absent optional properties from nulls, keeping nulls the schema allows", () => {
    const original = jsonOf(
      z.object({
        note: z.string().optional(),
        maybe: z.string().nullable(),
        either: z.string().nullable().optional(),
        items: z.array(z.object({ weight: z.number().optional() })),
      }),
    );
    const result = strictSchema(original);
    if (!result.ok) throw new Error(result.reason);
    expect(
      result.restore({ note: null, maybe: null, either: null, items: [{ weight: null }, { weight: 2 }] }),
    ).toEqual({ maybe: null, either: null, items: [{}, { weight: 2 }] });
    expect(result.restore("not an object")).toBe("not an object");
  });

  it("restores through recursive $ref", () => {
    type Node = { name: string; children?: Node[] | undefined };
    const node: z.ZodType<Node> = z.object({
      name: z.string(),
      get children() {
        return z.array(node).optional();
      },
    });
    const result = strictSchema(jsonOf(node));
    if (!result.ok) throw new Error(result.reason);
    expect(
      result.restore({
        name: "a",
        children: [
          { name: "b", children: null },
          { name: "c", children: [] },
        ],
      }),
    ).toEqual({ name: "a", children: [{ name: "b" }, { name: "c", children: [] }] });
  });
});
