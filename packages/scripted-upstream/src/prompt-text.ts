/** The text of a request's prompt, read from OpenAI, Responses and Anthropic request shapes. */

export interface PromptText {
  /** Every piece of prompt text (system, each message), in order. */
  parts: string[];
  /** The text of the last user message, the default reply's echo. */
  lastUser: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The text in a message's content: a string, or the `text` of its parts.
 *
 * @example contentText([{ type: "text", text: "hi" }]) // → "hi"
 */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part) => (isRecord(part) && typeof part["text"] === "string" ? part["text"] : ""))
    .join("");
}

/**
 * Reads the prompt of a chat-shaped request (`messages`, plus `system` / `instructions` / `input`).
 *
 * @example promptText({ messages: [{ role: "user", content: "hi" }] }) // → { parts: ["hi"], lastUser: "hi" }
 */
export function promptText(body: Record<string, unknown>): PromptText {
  const parts: string[] = [];
  let lastUser = "";
  const system = body["system"] ?? body["instructions"];
  if (system !== undefined) parts.push(contentText(system));
  const messages = body["messages"] ?? body["input"];
  if (typeof messages === "string") {
    parts.push(messages);
    lastUser = messages;
  } else if (Array.isArray(messages)) {
    for (const m of messages) {
      if (!isRecord(m)) continue;
      const text = contentText(m["content"] ?? m["output"]);
      parts.push(text);
      if (m["role"] === "user") lastUser = text;
    }
  }
  return { parts, lastUser };
}
