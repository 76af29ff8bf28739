/**
 * JSON assertions: `is-json` (the whole output parses) and `contains-json` (some JSON object
 * or array inside the output parses). A schema in `value` is checked by a validator the
 * runner supplies (core does no schema compilation itself).
 */
import type { AssertionFn, AssertionVerdict } from "./assertion.js";
import { verdict } from "./assertion.js";

/** Validates `data` against a JSON schema; returns an error message or null. */
export type SchemaCheck = (schema: unknown, data: unknown) => string | null;

/**
 * Every JSON object or array embedded in a text, in order.
 *
 * @example extractJsonValues('say {"a":1} and [2]') // → [{ a: 1 }, [2]]
 */
export function extractJsonValues(text: string): unknown[] {
  const found: unknown[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch !== "{" && ch !== "[") {
      i++;
      continue;
    }
    const end = matchingEnd(text, i);
    let parsed = false;
    if (end > i) {
      try {
        found.push(JSON.parse(text.slice(i, end + 1)));
        parsed = true;
      } catch {
        parsed = false;
      }
    }
    i = parsed ? end + 1 : i + 1;
  }
  return found;
}

/** Index of the bracket closing the one at `start`, skipping strings; -1 when unbalanced. */
function matchingEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "{" || ch === "[") depth++;
    else if (ch === "}" || ch === "]") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function withSchema(check: SchemaCheck | undefined, schema: unknown, data: unknown): AssertionVerdict {
  if (schema === undefined || schema === null || check === undefined) return verdict(true, "");
  const problem = check(schema, data);
  return verdict(problem === null, `JSON does not conform to the provided schema. Errors: ${problem}`);
}

/**
 * The JSON assertions, given an optional schema validator.
 *
 * @example jsonAssertions(undefined)["is-json"]('{"a":1}', ctx) // → { pass: true, … }
 */
export function jsonAssertions(check: SchemaCheck | undefined): Record<string, AssertionFn> {
  return {
    "is-json": (output, { value }) => {
      let data: unknown;
      try {
        data = JSON.parse(output);
      } catch {
        return verdict(false, "Expected output to be valid JSON");
      }
      return withSchema(check, value, data);
    },
    "contains-json": (output, { value }) => {
      const values = extractJsonValues(output);
      if (values.length === 0) return verdict(false, "Expected output to contain valid JSON");
      if (value === undefined || value === null || check === undefined) return verdict(true, "");
      for (const v of values) if (check(value, v) === null) return verdict(true, "");
      return withSchema(check, value, values[0]);
    },
    "json-schema": (output, { value }) => {
      const values = (() => {
        try {
          return [JSON.parse(output) as unknown];
        } catch {
          return extractJsonValues(output);
        }
      })();
      if (values.length === 0) return verdict(false, "Expected output to contain valid JSON");
      return withSchema(check, value, values[0]);
    },
  };
}
