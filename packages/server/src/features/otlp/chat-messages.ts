/**
 * Building genchi chat messages (role, content, tool_calls) from the message shapes
 * instrumentations record, so every convention produces the same kind of input/output.
 */
import type { ChatMessage } from "@genchi/spec";

export type ToolCall = NonNullable<ChatMessage["tool_calls"]>[number];
type ContentPart = Extract<NonNullable<ChatMessage["content"]>, unknown[]>[number];

/** True for a plain (non-array) object. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Text as is; anything else as JSON (for tool arguments and results recorded as objects).
 *
 * @example asText({ city: "Paris" }) // → '{"city":"Paris"}'
 */
export function asText(v: unknown): string {
  if (typeof v === "string") return v;
  if (v === undefined) return "";
  return JSON.stringify(v) ?? "";
}

/**
 * An OpenAI-style tool call.
 *
 * @example toolCall("call_1", "get_weather", { city: "Paris" }) // → { id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }
 */
export function toolCall(id: unknown, name: unknown, args: unknown): ToolCall {
  const call: ToolCall = { type: "function", function: { name: asText(name), arguments: asText(args) } };
  if (typeof id === "string" && id !== "") call.id = id;
  return call;
}

/**
 * A chat message from its parts; `content` is a string when every part was text, else
 * a list of typed parts. Roles are clipped to the 64 characters genchi stores.
 *
 * @example chatMessage("user", { texts: ["hi"] }) // → { role: "user", content: "hi" }
 */
export function chatMessage(
  role: string,
  parts: {
    texts?: string[];
    otherParts?: Record<string, unknown>[];
    toolCalls?: ToolCall[];
    toolCallId?: string | undefined;
    name?: string | undefined;
  },
): ChatMessage {
  const texts = parts.texts ?? [];
  const others = parts.otherParts ?? [];
  const message: ChatMessage = { role: (role || "unknown").slice(0, 64) };
  if (others.length > 0) {
    const content: ContentPart[] = texts.map((text) => ({ type: "text", text }));
    for (const p of others) content.push({ ...p, type: typeof p.type === "string" ? p.type : "unknown" });
    message.content = content;
  } else if (texts.length > 0) message.content = texts.join("\n");
  else message.content = parts.toolCalls && parts.toolCalls.length > 0 ? null : "";
  if (parts.toolCalls && parts.toolCalls.length > 0) message.tool_calls = parts.toolCalls;
  if (parts.toolCallId) message.tool_call_id = parts.toolCallId;
  if (parts.name) message.name = parts.name;
  return message;
}

/**
 * Normalises an OpenAI-style message (`{role, content, tool_calls, tool_call_id, name}`,
 * content a string or `[{type:"text", text}]` parts); `null` when it has no role.
 *
 * @example openAiStyleMessage({ role: "user", content: [{ type: "text", text: "hi" }] }) // → { role: "user", content: "hi" }
 */
export function openAiStyleMessage(raw: unknown, fallbackRole?: string): ChatMessage | null {
  if (!isRecord(raw)) return null;
  const role = typeof raw.role === "string" && raw.role !== "" ? raw.role : fallbackRole;
  if (!role) return null;
  const texts: string[] = [];
  const otherParts: Record<string, unknown>[] = [];
  const content = raw.content;
  if (typeof content === "string") texts.push(content);
  else if (Array.isArray(content)) {
    for (const part of content) {
      if (typeof part === "string") texts.push(part);
      else if (
        isRecord(part) &&
        (part.type === "text" || part.type === undefined) &&
        typeof part.text === "string"
      )
        texts.push(part.text);
      else if (isRecord(part)) otherParts.push(part);
    }
  } else if (content !== undefined && content !== null) texts.push(asText(content));
  const toolCalls: ToolCall[] = [];
  if (Array.isArray(raw.tool_calls)) {
    for (const tc of raw.tool_calls) {
      if (!isRecord(tc)) continue;
      const fn = isRecord(tc.function) ? tc.function : tc;
      toolCalls.push(toolCall(tc.id, fn.name, fn.arguments));
    }
  }
  return chatMessage(role, {
    texts,
    otherParts,
    toolCalls,
    toolCallId: typeof raw.tool_call_id === "string" ? raw.tool_call_id : undefined,
    name: typeof raw.name === "string" ? raw.name : undefined,
  });
}
