/** The text a drift report looks at: the user side of an input, the whole of an output. */
import type { CallInput, CallOutput } from "@genchi/spec";
import { callText, messageText } from "../text/call-text.js";

/**
 * The user-side text of an input: a string as is, or the user messages of a chat joined
 * (all messages when there is no user message).
 *
 * @example userText([{ role: "system", content: "Be brief" }, { role: "user", content: "hi" }]) // → "hi"
 */
export function userText(input: CallInput): string {
  if (typeof input === "string") return input;
  const user = input.filter((m) => m.role === "user");
  return (user.length > 0 ? user : input).map(messageText).join("\n");
}

/** The text of an output (string or assistant message). */
export function outputText(output: CallOutput | undefined): string {
  return callText(output);
}
