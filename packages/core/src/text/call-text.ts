/** Flattens call inputs and outputs (strings or chat messages) into plain text for search and counting. */
import type { CallInput, CallOutput, ChatMessage } from "@genchi/spec";

/** The text of one message: its content (or text parts) and its tool-call arguments. */
export function messageText(message: ChatMessage): string {
  const parts: string[] = [];
  const { content } = message;
  if (typeof content === "string") parts.push(content);
  else if (Array.isArray(content)) {
    for (const part of content) if (typeof part.text === "string") parts.push(part.text);
  }
  for (const call of message.tool_calls ?? []) {
    if (call.function) parts.push(`${call.function.name}(${call.function.arguments ?? ""})`);
  }
  return parts.join("\n");
}

/**
 * Plain text of an input or output.
 *
 * @example callText([{ role: "user", content: "hi" }]) // → "hi"
 */
export function callText(value: CallInput | CallOutput | undefined): string {
  if (value == null) return "";
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(messageText).join("\n");
  return messageText(value);
}
