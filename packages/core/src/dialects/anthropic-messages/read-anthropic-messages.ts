/**
 * Reads an Anthropic request's `system` + `messages` as chat messages, and a reply's content
 * blocks as one assistant message (tool use as OpenAI-style `tool_calls`, like every Call logs it).
 */
import type { CallInput, ChatMessage } from "@genchi/spec";
import type { ResponseFields } from "../dialect.js";
import { assistantMessage, isRecord, type Json, messagesOf, str } from "../wire-values.js";
import { anthropicMessagesUsage } from "./anthropic-messages-usage.js";

/**
 * The system prompt first, as a `system` message, then the messages (else the body as JSON text).
 *
 * @example readAnthropicRequest({ system: "Be brief.", messages: [{ role: "user", content: "hi" }] })
 * // → [{ role: "system", content: "Be brief." }, { role: "user", content: "hi" }]
 */
export function readAnthropicRequest(body: Json): CallInput {
  const messages = messagesOf(body["messages"]);
  if (!messages) return JSON.stringify(body);
  const system = body["system"];
  if (typeof system === "string") return [{ role: "system", content: system }, ...messages];
  if (Array.isArray(system))
    return [
      { role: "system", content: messagesOf([{ role: "system", content: system }])?.[0]?.content ?? null },
      ...messages,
    ];
  return messages;
}

/** A `tool_use` block's arguments as JSON text: streamed `partial_json`, else its `input`. */
const toolArguments = (block: Json): string =>
  typeof block["partial_json"] === "string" ? block["partial_json"] : JSON.stringify(block["input"] ?? {});

/**
 * A reply's content blocks as one assistant message: the text joined, tool use as `tool_calls`.
 *
 * @example anthropicOutput([{ type: "text", text: "Paris." }]) // → { role: "assistant", content: "Paris." }
 */
export function anthropicOutput(blocks: readonly unknown[]): ChatMessage {
  let text = "";
  const tools: Json[] = [];
  for (const b of blocks) {
    if (!isRecord(b)) continue;
    if (b["type"] === "text" && typeof b["text"] === "string") text += b["text"];
    if (b["type"] === "tool_use") {
      tools.push({
        ...(typeof b["id"] === "string" ? { id: b["id"] } : {}),
        type: "function",
        function: { name: str(b["name"]) ?? "", arguments: toolArguments(b) },
      });
    }
  }
  return assistantMessage(text, tools);
}

/** A message object's output, usage, model and stop reason. */
export function readAnthropicResponse(json: unknown): ResponseFields {
  const j = isRecord(json) ? json : {};
  return {
    output: anthropicOutput(Array.isArray(j["content"]) ? j["content"] : []),
    usage: anthropicMessagesUsage(j["usage"]),
    model: str(j["model"]),
    finishReason: str(j["stop_reason"]),
  };
}
