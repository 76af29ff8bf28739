/**
 * A call's input as eval variables: `input` is what the user asked (the last user message's
 * text, for dataset items), `messages` the whole conversation as it was sent (for exports).
 */
import { callText } from "@genchi/core";
import type { Call, ChatMessage } from "@genchi/spec";

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

/**
 * The call's conversation as chat messages, system prompt and earlier turns included; a
 * string input is one user message.
 *
 * @example callMessages({ input: "hi" }) // → [{ role: "user", content: "hi" }]
 */
export function callMessages(call: Pick<Call, "input">): ChatMessage[] {
  const { input } = call;
  if (typeof input === "string") return [{ role: "user", content: input }];
  return input.map((m) => ({ ...m }));
}
