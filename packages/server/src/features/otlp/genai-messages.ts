/**
 * Messages in the OpenTelemetry GenAI conventions: the current structured form
 * (`gen_ai.input.messages` etc., messages made of typed `parts`) and the deprecated
 * ones (`gen_ai.prompt`/`gen_ai.completion`, flattened `gen_ai.prompt.0.content`, and
 * the `gen_ai.*.message` / `gen_ai.choice` span events).
 */
import type { ChatMessage } from "@genchi/spec";
import {
  asText,
  chatMessage,
  isRecord,
  openAiStyleMessage,
  type ToolCall,
  toolCall,
} from "./chat-messages.js";
import { attrJson, parseJsonValue, unflattenAttrs } from "./otlp-attributes.js";
import type { OtlpAttributes, OtlpSpanEvent } from "./otlp-trace-request.js";

/**
 * One structured GenAI message (`{role, parts:[{type:"text",content}|{type:"tool_call",…}|…]}`);
 * messages without `parts` are read as OpenAI-style.
 *
 * @example genAiMessage({ role: "user", parts: [{ type: "text", content: "hi" }] }) // → { role: "user", content: "hi" }
 */
export function genAiMessage(raw: unknown): ChatMessage | null {
  if (!isRecord(raw)) return null;
  if (!Array.isArray(raw.parts)) return openAiStyleMessage(raw);
  const role = typeof raw.role === "string" ? raw.role : "unknown";
  const texts: string[] = [];
  const otherParts: Record<string, unknown>[] = [];
  const toolCalls: ToolCall[] = [];
  const reasoning: string[] = [];
  let toolCallId: string | undefined;
  for (const part of raw.parts) {
    if (!isRecord(part)) continue;
    switch (part.type) {
      case "text":
        texts.push(asText(part.content));
        break;
      case "tool_call":
        toolCalls.push(toolCall(part.id, part.name, part.arguments));
        break;
      case "tool_call_response":
        if (typeof part.id === "string") toolCallId = part.id;
        texts.push(asText(part.response ?? part.result));
        break;
      case "reasoning":
        reasoning.push(asText(part.content));
        break;
      default:
        otherParts.push(part);
    }
  }
  const message = chatMessage(role, {
    texts,
    otherParts,
    toolCalls,
    toolCallId,
    name: typeof raw.name === "string" ? raw.name : undefined,
  });
  if (reasoning.length > 0) message.reasoning = reasoning.join("\n");
  return message;
}

/**
 * `gen_ai.system_instructions` (a list of parts, or text) as one system message.
 *
 * @example systemInstructionsMessage({ "gen_ai.system_instructions": '[{"type":"text","content":"Be brief."}]' }) // → { role: "system", content: "Be brief." }
 */
export function systemInstructionsMessage(attrs: OtlpAttributes): ChatMessage | null {
  const raw = attrJson(attrs, "gen_ai.system_instructions") ?? attrs["gen_ai.system_instructions"];
  if (typeof raw === "string" && raw !== "") return { role: "system", content: raw };
  if (!Array.isArray(raw)) return null;
  return genAiMessage({ role: "system", parts: raw });
}

/**
 * The finish reasons of structured output messages, in order.
 *
 * @example outputFinishReasons([{ role: "assistant", parts: [], finish_reason: "stop" }]) // → ["stop"]
 */
export function outputFinishReasons(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((m) => (isRecord(m) && typeof m.finish_reason === "string" ? [m.finish_reason] : []));
}

/**
 * A deprecated `gen_ai.prompt` / `gen_ai.completion` value: a JSON list of messages, one
 * message or choice, or plain text; flattened `gen_ai.prompt.0.role`-style keys too.
 *
 * @example deprecatedMessages({ "gen_ai.prompt.0.role": "user", "gen_ai.prompt.0.content": "hi" }, "gen_ai.prompt") // → [{ role: "user", content: "hi" }]
 */
export function deprecatedMessages(
  attrs: OtlpAttributes,
  key: "gen_ai.prompt" | "gen_ai.completion",
): ChatMessage[] | string | undefined {
  const list = indexedItems(unflattenAttrs(attrs, key)).flatMap((m) => flattenedMessage(m) ?? []);
  if (list.length > 0) return list;
  const value = attrs[key];
  if (typeof value === "string" && value !== "") {
    const parsed = parseJsonValue(value);
    if (parsed === undefined) return value;
    const list = Array.isArray(parsed) ? parsed : [parsed];
    const messages = list.flatMap((m) => choiceOrMessage(m) ?? []);
    return messages.length > 0 ? messages : value;
  }
  return undefined;
}

/** The items of a flattened list, even when non-index keys (`gen_ai.prompt.name`) sit beside the indices. */
function indexedItems(flat: unknown): unknown[] {
  if (Array.isArray(flat)) return flat;
  if (!isRecord(flat)) return [];
  return Object.keys(flat)
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => flat[k]);
}

/** An OpenLLMetry-style flattened message: `{role, content, tool_calls:[{id,name,arguments}], tool_call_id}`. */
function flattenedMessage(raw: unknown): ChatMessage | null {
  if (!isRecord(raw)) return null;
  const calls = Array.isArray(raw.tool_calls)
    ? raw.tool_calls
        .filter(isRecord)
        .map((tc) => ({ id: tc.id, function: { name: tc.name, arguments: tc.arguments } }))
    : undefined;
  const content =
    typeof raw.content === "string" ? (parseJsonContent(raw.content) ?? raw.content) : raw.content;
  return openAiStyleMessage({ ...raw, content, tool_calls: calls }, "user");
}

/** Content recorded as a JSON list of parts (`[{"type":"text","text":"…"}]`) is read as parts. */
function parseJsonContent(text: string): unknown[] | undefined {
  const parsed = text.startsWith("[") ? parseJsonValue(text) : undefined;
  return Array.isArray(parsed) && parsed.every((p) => isRecord(p) && typeof p.type === "string")
    ? parsed
    : undefined;
}

/** A message, or an OpenAI choice `{index, finish_reason, message}`. */
function choiceOrMessage(raw: unknown): ChatMessage | null {
  if (isRecord(raw) && isRecord(raw.message)) return openAiStyleMessage(raw.message, "assistant");
  if (isRecord(raw) && Array.isArray(raw.parts)) return genAiMessage(raw);
  return openAiStyleMessage(raw, "assistant");
}

const EVENT_ROLES: Record<string, string> = {
  "gen_ai.system.message": "system",
  "gen_ai.user.message": "user",
  "gen_ai.assistant.message": "assistant",
  "gen_ai.tool.message": "tool",
};

/** The body of a deprecated GenAI event: `gen_ai.event.content` JSON, else the event's own attributes. */
function eventBody(event: OtlpSpanEvent): Record<string, unknown> {
  const json = attrJson(event.attributes, "gen_ai.event.content");
  if (isRecord(json)) return json;
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(event.attributes)) {
    if (k === "tool_calls" || k === "message") body[k] = typeof v === "string" ? (parseJsonValue(v) ?? v) : v;
    else if (k === "content" && typeof v === "string") body[k] = parseJsonContent(v) ?? v;
    else body[k] = v;
  }
  return body;
}

/**
 * Input and output from the deprecated GenAI span events: `gen_ai.{system,user,assistant,tool}.message`
 * in order make the input, the `gen_ai.choice` with index 0 (or the first) the output;
 * the older `gen_ai.content.prompt`/`gen_ai.content.completion` events are read too.
 *
 * @example
 * messagesFromEvents([{ name: "gen_ai.user.message", timeUnixNano: "0", attributes: { content: "hi" } }]).input
 * // → [{ role: "user", content: "hi" }]
 */
export function messagesFromEvents(events: OtlpSpanEvent[]): {
  input: ChatMessage[] | string | undefined;
  output: ChatMessage | string | undefined;
  finishReason: string | undefined;
} {
  const input: ChatMessage[] = [];
  let output: ChatMessage | string | undefined;
  let finishReason: string | undefined;
  let legacyInput: ChatMessage[] | string | undefined;
  for (const event of events) {
    const role = EVENT_ROLES[event.name];
    if (role) {
      const m = openAiStyleMessage(eventBody(event), role);
      if (m) input.push(m);
    } else if (event.name === "gen_ai.choice" && output === undefined) {
      const body = eventBody(event);
      const index = Number(body.index ?? 0);
      if (index !== 0 && Number.isFinite(index)) continue;
      output = choiceOrMessage(body) ?? undefined;
      if (typeof body.finish_reason === "string") finishReason = body.finish_reason;
    } else if (event.name === "gen_ai.content.prompt") {
      legacyInput = deprecatedMessages(event.attributes, "gen_ai.prompt");
    } else if (event.name === "gen_ai.content.completion" && output === undefined) {
      const c = deprecatedMessages(event.attributes, "gen_ai.completion");
      output = Array.isArray(c) ? c[0] : c;
    }
  }
  return { input: input.length > 0 ? input : legacyInput, output, finishReason };
}
