/** Tolerant readers of vendor JSON values shared by the dialects: nothing here throws. */
import type { CallInput, ChatMessage } from "@genchi/spec";
import type { SseEventLike, StreamFold } from "./dialect.js";

export type Json = Record<string, unknown>;

/** @example isRecord({}) // → true; isRecord([]) // → false */
export const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** A string, else null. */
export const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

/**
 * A token count: a finite number (rounded), else null. A negative count is passed on as the
 * vendor sent it, so that whoever stores it can say what was wrong (the gateway's limit fitter).
 *
 * @example tokenCount(12.2) // → 12; tokenCount("12") // → null
 */
export const tokenCount = (v: unknown): number | null =>
  typeof v === "number" && Number.isFinite(v) ? Math.round(v) : null;

/** JSON text parsed, or null when it is not JSON (`[DONE]`). */
export function parseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
}

/**
 * A message list in genchi's shape, or null when it is not one: content parts without a `type`
 * become `{ type: "unknown" }`, other non-text content is kept as JSON text.
 */
export function messagesOf(list: unknown): ChatMessage[] | null {
  if (!Array.isArray(list)) return null;
  const out: ChatMessage[] = [];
  for (const m of list) {
    if (!isRecord(m) || typeof m["role"] !== "string") return null;
    const content = m["content"];
    const fixed = Array.isArray(content)
      ? content.map((p) => (isRecord(p) && typeof p["type"] === "string" ? p : { type: "unknown" }))
      : content === undefined || typeof content === "string" || content === null
        ? content
        : JSON.stringify(content);
    out.push({ ...m, role: m["role"] as string, content: fixed } as ChatMessage);
  }
  return out;
}

/** The messages of a body, else the whole body as JSON text. */
export const inputOf = (body: Json, list: unknown): CallInput => messagesOf(list) ?? JSON.stringify(body);

/**
 * An assistant message from its text and tool calls: `content` is null when there are only
 * tool calls.
 */
export function assistantMessage(text: string, toolCalls: readonly Json[]): ChatMessage {
  const message: ChatMessage = {
    role: "assistant",
    content: text.length > 0 || toolCalls.length === 0 ? text : null,
  };
  if (toolCalls.length > 0) message.tool_calls = [...toolCalls];
  return message;
}

/** Folds SSE events with a fresh fold: each event's `data` parsed as JSON. */
export function foldEvents(fold: StreamFold, events: readonly SseEventLike[]) {
  for (const e of events) fold.add(parseJson(e.data));
  return fold.result();
}

/** The text of chat message content (a string, or the text of its parts). */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((p) => (isRecord(p) && typeof p["text"] === "string" ? p["text"] : "")).join("");
}
