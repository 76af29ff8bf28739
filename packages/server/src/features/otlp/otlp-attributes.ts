/**
 * Reading span attributes: typed getters that tolerate the ways instrumentations
 * encode the same thing (numbers as strings, JSON strings for structures, flattened
 * `prefix.0.field` keys).
 */
import type { OtlpAttributes, OtlpValue } from "./otlp-trace-request.js";

/**
 * The first of `keys` holding a non-empty string (numbers and booleans are turned into text).
 *
 * @example attrString({ "llm.model_name": "gpt-4o" }, "gen_ai.request.model", "llm.model_name") // → "gpt-4o"
 */
export function attrString(attrs: OtlpAttributes, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const v = attrs[key];
    if (typeof v === "string" && v !== "") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
  }
  return undefined;
}

/**
 * The first of `keys` holding a finite number (or a string that is one).
 *
 * @example attrNumber({ "llm.token_count.prompt": "12" }, "llm.token_count.prompt") // → 12
 */
export function attrNumber(attrs: OtlpAttributes, ...keys: string[]): number | undefined {
  for (const key of keys) {
    const v = attrs[key];
    if (typeof v === "number" && Number.isFinite(v)) return v;
    if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  }
  return undefined;
}

/**
 * A list of strings from an array attribute, a JSON array in a string, or a single string.
 *
 * @example attrStringList({ "gen_ai.response.finish_reasons": ["stop"] }, "gen_ai.response.finish_reasons") // → ["stop"]
 */
export function attrStringList(attrs: OtlpAttributes, key: string): string[] {
  const v = attrs[key];
  const list = typeof v === "string" ? parseJsonValue(v) : v;
  if (Array.isArray(list)) return list.filter((x): x is string => typeof x === "string" && x !== "");
  return typeof v === "string" && v !== "" ? [v] : [];
}

/**
 * A structured attribute: an array or kvlist value as is, or a string holding JSON parsed.
 * `undefined` when absent or not JSON.
 *
 * @example attrJson({ "gen_ai.input.messages": '[{"role":"user"}]' }, "gen_ai.input.messages") // → [{ role: "user" }]
 */
export function attrJson(attrs: OtlpAttributes, key: string): unknown {
  const v = attrs[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") return parseJsonValue(v);
  return typeof v === "object" ? v : undefined;
}

/**
 * `JSON.parse` for text that looks like JSON (starts with `[`, `{` or `"`); `undefined` otherwise or on a syntax error.
 *
 * @example parseJsonValue('{"a":1}') // → { a: 1 }; parseJsonValue("hello") // → undefined
 */
export function parseJsonValue(text: string): unknown {
  const t = text.trim();
  if (t === "" || !'[{"'.includes(t[0]!)) return undefined;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The attributes under `prefix.` with the prefix taken off.
 *
 * @example attrsUnder({ "ai.telemetry.metadata.userId": "u1" }, "ai.telemetry.metadata") // → { userId: "u1" }
 */
export function attrsUnder(attrs: OtlpAttributes, prefix: string): Record<string, OtlpValue> {
  const out = Object.create(null) as Record<string, OtlpValue>;
  const p = `${prefix}.`;
  for (const key in attrs) if (key.startsWith(p)) out[key.slice(p.length)] = attrs[key] ?? null;
  return out;
}

type Tree = { [key: string]: Tree | OtlpValue };

function isTree(v: unknown): v is Tree {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Turns objects whose keys are all indices into arrays, ordered by index. */
function arraysFromIndices(node: Tree | OtlpValue): unknown {
  if (!isTree(node)) return node;
  const keys = Object.keys(node);
  const out = Object.create(null) as Record<string, unknown>;
  for (const k of keys) out[k] = arraysFromIndices(node[k] ?? null);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((k) => out[k]);
  }
  return out;
}

/**
 * Rebuilds the structure that an instrumentation flattened into dotted keys; numeric
 * segments become array positions.
 *
 * @example
 * unflattenAttrs({ "llm.input_messages.0.message.role": "user" }, "llm.input_messages")
 * // → [{ message: { role: "user" } }]
 */
export function unflattenAttrs(attrs: OtlpAttributes, prefix: string): unknown {
  const p = `${prefix}.`;
  const root: Tree = Object.create(null) as Tree;
  let found = false;
  for (const key in attrs) {
    if (!key.startsWith(p)) continue;
    const path = key.slice(p.length).split(".");
    let node = root;
    for (const segment of path.slice(0, -1)) {
      const next = node[segment];
      if (isTree(next)) node = next;
      else {
        const child: Tree = Object.create(null) as Tree;
        node[segment] = child;
        node = child;
      }
    }
    node[path[path.length - 1]!] = attrs[key] ?? null;
    found = true;
  }
  return found ? arraysFromIndices(root) : undefined;
}
