/** A call's input as eval variables: `input` is what the user asked (the last user message's text). */
import { callText } from "@genchi/core";
import type { Call } from "@genchi/spec";

/**
 * @example reviewVars(call) // → { input: "I was charged twice" }
 */
export function reviewVars(call: Pick<Call, "input">): { input: string } {
  const { input } = call;
  if (typeof input === "string") return { input };
  const users = input.filter((m) => m.role === "user");
  const last = users[users.length - 1];
  return { input: last ? callText([last]) : callText(input) };
}
