/**
 * The nesting limit for JSON genchi takes in: bodies and values deeper than this are refused at
 * the HTTP edge with a 400, before anything recursive (JSON.stringify when a call is written or
 * a body rewritten, zod) meets them and overflows the stack.
 */
import { GenchiError } from "@genchi/spec";

/**
 * Arrays and objects nested at most this deep (the body's own object is level 1). Real LLM
 * requests stay far below it: a chat body with tool schemas is ~10–20 levels.
 */
export const maxJsonDepth = 100;

/**
 * True when `value` nests arrays and objects more than `limit` levels deep; walked with a stack
 * of its own (no recursion), stopping at the first level too deep. A cycle counts as too deep.
 *
 * @example jsonDepthExceeds(JSON.parse("[[1]]"), 1) // → true; jsonDepthExceeds({ a: [1] }, 2) // → false
 */
export function jsonDepthExceeds(value: unknown, limit: number = maxJsonDepth): boolean {
  if (typeof value !== "object" || value === null) return false;
  const stack: object[] = [value];
  const depths: number[] = [1];
  for (;;) {
    const v = stack.pop();
    const depth = depths.pop();
    if (v === undefined || depth === undefined) return false;
    if (depth > limit) return true;
    if (Array.isArray(v)) {
      for (const child of v) {
        if (typeof child === "object" && child !== null) {
          stack.push(child);
          depths.push(depth + 1);
        }
      }
    } else {
      const record = v as Record<string, unknown>;
      for (const key in record) {
        const child = record[key];
        if (typeof child === "object" && child !== null) {
          stack.push(child);
          depths.push(depth + 1);
        }
      }
    }
  }
}

/**
 * Throws a GENCHI_VALIDATION error naming `what` when `value` nests deeper than {@link maxJsonDepth}.
 *
 * @example assertJsonDepth(request.body, "the body") // throws for [[[…]]] 20,000 levels deep
 */
export function assertJsonDepth(value: unknown, what: string): void {
  if (!jsonDepthExceeds(value)) return;
  throw new GenchiError("GENCHI_VALIDATION", jsonDepthMessage(what));
}

/** The message of that error, for edges that answer without throwing (the gateway). */
export function jsonDepthMessage(what: string): string {
  return `${what} nests arrays and objects more than ${maxJsonDepth} levels deep; genchi takes at most ${maxJsonDepth} (no LLM request comes near it)`;
}
