/**
 * The schema `generateObject` asks for, from a zod schema or a plain JSON Schema: the JSON
 * Schema sent to the model and a validator that returns the typed value or readable errors.
 */
import { Ajv } from "ajv";
import { z } from "zod";

/** A JSON Schema object (draft-07 or 2020-12 keywords). */
export type JsonSchema = Record<string, unknown>;

/** A zod schema, typed structurally so any zod 4 instance fits. */
export interface ZodLike<T> {
  safeParse(
    value: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: ZodIssueLike[] } };
}

interface ZodIssueLike {
  path: PropertyKey[];
  message: string;
}

export type SchemaValidation<T> = { ok: true; value: T } | { ok: false; errors: string[] };

export interface ObjectSchema<T> {
  /** What is sent to the model (no `$schema` line). */
  jsonSchema: JsonSchema;
  validate(value: unknown): SchemaValidation<T>;
}

let ajv: Ajv | undefined;

function isZod(schema: unknown): schema is ZodLike<unknown> {
  return typeof (schema as { safeParse?: unknown }).safeParse === "function";
}

function pathText(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "(root)" : path.map(String).join(".");
}

function withoutMetaSchema(schema: JsonSchema): JsonSchema {
  const { $schema: _drop, ...rest } = schema;
  return rest;
}

/**
 * Normalises a zod schema or a JSON Schema.
 *
 * @example objectSchema({ type: "object", required: ["a"] }).validate({}).ok // → false
 */
export function objectSchema<T>(schema: ZodLike<T> | JsonSchema): ObjectSchema<T> {
  if (isZod(schema)) {
    const zod = schema;
    return {
      jsonSchema: withoutMetaSchema(z.toJSONSchema(zod as unknown as z.ZodType) as JsonSchema),
      validate(value) {
        const parsed = zod.safeParse(value);
        if (parsed.success) return { ok: true, value: parsed.data };
        return {
          ok: false,
          errors: parsed.error.issues.map((i) => `${pathText(i.path)}: ${i.message}`),
        };
      },
    };
  }
  const jsonSchema = withoutMetaSchema(schema);
  ajv ??= new Ajv({ allErrors: true, strict: false });
  const check = ajv.compile(jsonSchema);
  return {
    jsonSchema,
    validate(value) {
      if (check(value)) return { ok: true, value: value as T };
      return {
        ok: false,
        errors: (check.errors ?? []).map((e) => {
          const at = e.instancePath === "" ? "(root)" : e.instancePath.slice(1).replaceAll("/", ".");
          return `${at}: ${e.message ?? e.keyword}`;
        }),
      };
    },
  };
}
