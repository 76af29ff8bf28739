/** One-line previews of a call's input and output for the table. */
import type { CallInput, CallOutput, ChatMessage } from "@genchi/spec";

/** The text of one message: string content, or the text parts joined, or its tool calls' names. */
export function messageText(message: ChatMessage): string {
  const { content } = message;
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((part) => part.text ?? `[${part.type}]`).join(" ");
  if (message.tool_calls?.length) {
    return message.tool_calls
      .map((t) => `${t.function?.name ?? "tool"}(${t.function?.arguments ?? ""})`)
      .join(" ");
  }
  return "";
}

/** The last user message (or the prompt string), on one line. */
export function inputPreview(input: CallInput): string {
  if (typeof input === "string") return oneLine(input);
  const lastUser = [...input].reverse().find((m) => m.role === "user") ?? input[input.length - 1];
  return lastUser ? oneLine(messageText(lastUser)) : "";
}

/** The output on one line ("" for none). */
export function outputPreview(output: CallOutput): string {
  if (output === null) return "";
  return oneLine(typeof output === "string" ? output : messageText(output));
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}
