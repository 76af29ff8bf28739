/**
 * Makes a JSON Schema fit for OpenAI strict structured outputs (`json_schema` with
 * `strict: true`): every object closed (`additionalProperties: false`) with all its properties
 * `required`, the optional ones made nullable, as OpenAI documents; `oneOf` loosened to
 * `anyOf`. The schema the output is validated against stays the original one, so `restore`
 * takes the nulls that stand for absent optional properties back out before validation.
 * Schemas strict mode cannot express (records, open objects, tuples, `allOf`, a non-object
 * root, …) are reported with where and why, and sent without `strict`.
 */
import type { JsonSchema } from "./object-schema.js";

export type StrictSchema =
  | { ok: true; schema: JsonSchema; restore(value: unknown): unknown }
  | { ok: false; reason: string };

type Json = Record<string, unknown>;

/** Keywords strict mode rejects; a schema using one is sent as it is, without `strict`. */
const unsupportedKeywords = [
  "allOf",
  "not",
  "if",
  "then",
  "else",
  "dependentRequired",
  "dependentSchemas",
  "patternProperties",
  "prefixItems",
  "unevaluatedProperties",
  "unevaluatedItems",
  "contains",
] as const;

const maxDepth = 64;

class NotStrict extends Error {}

const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

const child = (at: string, key: string) => (at === "(root)" ? key : `${at}.${key}`);

function types(node: Json): unknown[] {
  return Array.isArray(node["type"]) ? node["type"] : node["type"] === undefined ? [] : [node["type"]];
}

function isObjectSchema(node: Json): boolean {
  return types(node).includes("object") || isRecord(node["properties"]);
}

/** The schema a local `$ref` (`#`, `#/$defs/X`, `#/definitions/X`) points at. */
function resolve(node: Json, root: Json): Json | undefined {
  const ref = node["$ref"];
  if (typeof ref !== "string") return node;
  if (ref === "#") return root;
  const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
  const defs = match ? root[match[1]!] : undefined;
  const target = isRecord(defs) ? defs[decodeURIComponent(match![2]!)] : undefined;
  return isRecord(target) ? target : undefined;
}

/** Whether the schema accepts `null` (so a null for it is a value, not an absent property). */
function allowsNull(schema: unknown, root: Json, depth = 0): boolean {
  if (schema === true) return true;
  if (!isRecord(schema) || depth > maxDepth) return false;
  const node = resolve(schema, root);
  if (!node) return false;
  if (types(node).includes("null") || node["nullable"] === true || node["const"] === null) return true;
  if (Array.isArray(node["enum"]) && node["enum"].includes(null)) return true;
  for (const key of ["anyOf", "oneOf"]) {
    const branches = node[key];
    if (Array.isArray(branches) && branches.some((b) => allowsNull(b, root, depth + 1))) return true;
  }
  const constrained = ["type", "enum", "const", "anyOf", "oneOf", "$ref"].some((k) => k in node);
  return !constrained;
}

/** A strict schema that also accepts null. */
function nullable(node: Json): Json {
  const list = types(node);
  const plain = !("const" in node) && !("$ref" in node) && !("anyOf" in node) && list.length > 0;
  if (plain && !list.includes("object")) {
    const out: Json = { ...node, type: [...list, "null"] };
    if (Array.isArray(node["enum"])) out["enum"] = [...node["enum"], null];
    return out;
  }
  return { anyOf: [node, { type: "null" }] };
}

function transform(schema: unknown, at: string, root: Json, depth: number): Json {
  if (depth > maxDepth) throw new NotStrict(`${at}: nested deeper than ${maxDepth} levels`);
  if (!isRecord(schema)) throw new NotStrict(`${at}: accepts any value`);
  for (const keyword of unsupportedKeywords) {
    if (keyword in schema) throw new NotStrict(`${at}: uses ${keyword}`);
  }
  const out: Json = { ...schema };
  if (Array.isArray(schema["oneOf"])) {
    delete out["oneOf"];
    out["anyOf"] = [...(Array.isArray(schema["anyOf"]) ? schema["anyOf"] : []), ...schema["oneOf"]];
  }
  if (Array.isArray(out["anyOf"])) {
    out["anyOf"] = out["anyOf"].map((b, i) => transform(b, `${at}|${i}`, root, depth + 1));
  }
  for (const key of ["$defs", "definitions"]) {
    const defs = schema[key];
    if (isRecord(defs)) {
      out[key] = Object.fromEntries(
        Object.entries(defs).map(([name, d]) => [name, transform(d, `${key}.${name}`, root, depth + 1)]),
      );
    }
  }
  if (schema["items"] !== undefined) out["items"] = transform(schema["items"], `${at}[]`, root, depth + 1);
  if (isObjectSchema(schema)) {
    const extra = schema["additionalProperties"];
    if (extra !== undefined && extra !== false) {
      throw new NotStrict(`${at}: allows properties beyond the declared ones (a record or an open object)`);
    }
    const properties = schema["properties"];
    if (!isRecord(properties) || Object.keys(properties).length === 0) {
      throw new NotStrict(`${at}: is an object without declared properties`);
    }
    const required = Array.isArray(schema["required"]) ? schema["required"] : [];
    out["properties"] = Object.fromEntries(
      Object.entries(properties).map(([key, sub]) => {
        const strict = transform(sub, child(at, key), root, depth + 1);
        return [key, required.includes(key) || allowsNull(sub, root) ? strict : nullable(strict)];
      }),
    );
    out["required"] = Object.keys(properties);
    out["additionalProperties"] = false;
  }
  const constrained = ["type", "enum", "const", "anyOf", "$ref"].some((k) => k in out);
  if (!constrained) throw new NotStrict(`${at}: accepts any value`);
  return out;
}

function restore(value: unknown, schema: unknown, root: Json, depth: number): unknown {
  if (!isRecord(schema) || depth > maxDepth) return value;
  const node = resolve(schema, root);
  if (!node) return value;
  let out = value;
  for (const key of ["anyOf", "oneOf"]) {
    const branches = node[key];
    if (Array.isArray(branches)) for (const b of branches) out = restore(out, b, root, depth + 1);
  }
  if (Array.isArray(out) && isRecord(node["items"])) {
    return out.map((item) => restore(item, node["items"], root, depth + 1));
  }
  const properties = node["properties"];
  if (isRecord(out) && isRecord(properties)) {
    const required = Array.isArray(node["required"]) ? node["required"] : [];
    const copy: Json = { ...out };
    for (const [key, sub] of Object.entries(properties)) {
      if (!(key in copy)) continue;
      if (copy[key] === null && !required.includes(key) && !allowsNull(sub, root)) delete copy[key];
      else copy[key] = restore(copy[key], sub, root, depth + 1);
    }
    return copy;
  }
  return out;
}

/**
 * @example
 * strictSchema({ type: "object", properties: { a: { type: "string" } } })
 * // → { ok: true, schema: { …, properties: { a: { type: ["string", "null"] } }, required: ["a"], additionalProperties: false }, restore }
 */
export function strictSchema(schema: JsonSchema): StrictSchema {
  try {
    if (!types(schema).includes("object") || "anyOf" in schema || "oneOf" in schema) {
      throw new NotStrict("(root): must be one object type (strict mode accepts no other root)");
    }
    const strict = transform(schema, "(root)", schema, 0);
    return { ok: true, schema: strict, restore: (value) => restore(value, schema, schema, 0) };
  } catch (error) {
    if (error instanceof NotStrict) return { ok: false, reason: error.message };
    throw error;
  }
}
