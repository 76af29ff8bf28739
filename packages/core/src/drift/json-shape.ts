/** JSON descriptors of a text: validity, top-level type (object / array / scalar) and top-level keys. */

export type JsonType = "object" | "array" | "scalar" | "invalid";

export interface JsonShape {
  valid: boolean;
  type: JsonType;
  /** Sorted top-level keys joined by "," for objects; "(not an object)" otherwise. */
  keys: string;
}

const notObject = "(not an object)";
const invalid: JsonShape = { valid: false, type: "invalid", keys: notObject };
/** First characters a JSON text can start with; anything else is not JSON, without parsing. */
const jsonStart = /^[{["\-0-9tfn]/;

/**
 * @example jsonShape('{"b":1,"a":2}') // → { valid: true, type: "object", keys: "a,b" }
 */
export function jsonShape(text: string): JsonShape {
  const trimmed = text.trim();
  if (!jsonStart.test(trimmed)) return invalid;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return invalid;
  }
  if (Array.isArray(value)) return { valid: true, type: "array", keys: notObject };
  if (value !== null && typeof value === "object")
    return { valid: true, type: "object", keys: Object.keys(value).sort().join(",") };
  return { valid: true, type: "scalar", keys: notObject };
}
