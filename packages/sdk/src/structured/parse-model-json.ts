/**
 * Reads JSON out of a model's reply: the body of a fenced ```json block if there is one,
 * else the text; parsed as is, or repaired with `jsonrepair` (trailing commas, single
 * quotes, unquoted keys, a cut-off end) when plain parsing fails and the text starts like JSON.
 */
import { jsonrepair } from "jsonrepair";

export type ParsedModelJson = { ok: true; value: unknown; repaired: boolean } | { ok: false; error: string };

const fence = /```(?:json|JSON)?[ \t]*\r?\n([\s\S]*?)(?:\r?\n)?```/;

/** The body of the first fenced block, else the text itself, trimmed. */
export function unfence(text: string): string {
  const match = fence.exec(text);
  return (match?.[1] ?? text).trim();
}

/**
 * @example parseModelJson("```json\n{\"a\":1,}\n```") // → { ok: true, value: { a: 1 }, repaired: true }
 */
export function parseModelJson(text: string): ParsedModelJson {
  const body = unfence(text);
  if (body === "") return { ok: false, error: "the reply was empty: expected a JSON value" };
  try {
    return { ok: true, value: JSON.parse(body), repaired: false };
  } catch (parseError) {
    const notJson = {
      ok: false as const,
      error: `the reply is not valid JSON: ${(parseError as Error).message}`,
    };
    // jsonrepair turns prose into a JSON string; only text that starts like JSON is repaired.
    if (!/^[[{]/.test(body)) return notJson;
    try {
      return { ok: true, value: JSON.parse(jsonrepair(body)), repaired: true };
    } catch {
      return notJson;
    }
  }
}
