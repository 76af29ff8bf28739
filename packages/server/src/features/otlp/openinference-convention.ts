/**
 * The OpenInference conventions (Arize Phoenix and its instrumentations): spans with
 * `openinference.span.kind` = `LLM`, `llm.model_name`, flattened
 * `llm.input_messages.N.message.*` / `llm.output_messages.N.message.*`,
 * `llm.token_count.*`, and `input.value`/`output.value` as a fallback.
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
import type { ConventionReader, LlmSpanFields } from "./llm-span-fields.js";
import {
  attrJson,
  attrNumber,
  attrString,
  attrStringList,
  parseJsonValue,
  unflattenAttrs,
} from "./otlp-attributes.js";
import type { OtlpAttributes } from "./otlp-trace-request.js";

/** One unflattened `{message: {role, content, contents, tool_calls, tool_call_id, name}}` entry. */
function openInferenceMessage(raw: unknown): ChatMessage | null {
  const m = isRecord(raw) && isRecord(raw.message) ? raw.message : null;
  if (!m) return null;
  const role = typeof m.role === "string" ? m.role : "unknown";
  const texts: string[] = [];
  const otherParts: Record<string, unknown>[] = [];
  if (typeof m.content === "string") texts.push(m.content);
  if (Array.isArray(m.contents)) {
    for (const c of m.contents) {
      const part = isRecord(c) && isRecord(c.message_content) ? c.message_content : null;
      if (!part) continue;
      if ((part.type === "text" || part.type === undefined) && typeof part.text === "string")
        texts.push(part.text);
      else otherParts.push({ ...part, type: typeof part.type === "string" ? part.type : "unknown" });
    }
  }
  const toolCalls: ToolCall[] = [];
  if (Array.isArray(m.tool_calls)) {
    for (const entry of m.tool_calls) {
      const tc = isRecord(entry) && isRecord(entry.tool_call) ? entry.tool_call : null;
      const fn = tc && isRecord(tc.function) ? tc.function : null;
      if (tc && fn) toolCalls.push(toolCall(tc.id, fn.name, fn.arguments));
    }
  }
  if (typeof m.function_call_name === "string") {
    toolCalls.push(toolCall(undefined, m.function_call_name, m.function_call_arguments_json));
  }
  return chatMessage(role, {
    texts,
    otherParts,
    toolCalls,
    toolCallId: typeof m.tool_call_id === "string" ? m.tool_call_id : undefined,
    name: typeof m.name === "string" ? m.name : undefined,
  });
}

function messagesAt(attrs: OtlpAttributes, prefix: string): ChatMessage[] | undefined {
  const flat = unflattenAttrs(attrs, prefix);
  const list = Array.isArray(flat) ? flat.flatMap((m) => openInferenceMessage(m) ?? []) : [];
  return list.length > 0 ? list : undefined;
}

/** `input.value`: chat messages when it is JSON holding `messages`, else the text. */
function valueInput(attrs: OtlpAttributes): ChatMessage[] | string | undefined {
  const text = attrString(attrs, "input.value");
  if (text === undefined) return undefined;
  const parsed = parseJsonValue(text);
  if (isRecord(parsed) && Array.isArray(parsed.messages)) {
    const list = parsed.messages.flatMap((m) => openAiStyleMessage(m) ?? []);
    if (list.length > 0) return list;
  }
  return text;
}

/**
 * Reads a span by the OpenInference conventions.
 *
 * @example
 * readOpenInferenceConvention(span, resource).verdict // → "llm" when openinference.span.kind is "LLM"
 */
export const readOpenInferenceConvention: ConventionReader = (span) => {
  const a = span.attributes;
  const kind = attrString(a, "openinference.span.kind");
  if (kind === undefined) return { convention: "openinference", verdict: "unknown", fields: {} };
  if (kind.toUpperCase() !== "LLM") return { convention: "openinference", verdict: "not-llm", fields: {} };

  const params = attrJson(a, "llm.invocation_parameters");
  const outputMessages = messagesAt(a, "llm.output_messages");
  const metadata: Record<string, unknown> = {};
  if (isRecord(params)) metadata.requestParameters = params;
  const extra = attrJson(a, "metadata");
  if (isRecord(extra)) metadata.openinference = extra;
  const tags = attrStringList(a, "tag.tags");
  const fields: LlmSpanFields = {
    provider: attrString(a, "llm.provider", "llm.system")?.toLowerCase(),
    requestedModel: isRecord(params) && typeof params.model === "string" ? params.model : undefined,
    model: attrString(a, "llm.model_name"),
    input: messagesAt(a, "llm.input_messages") ?? valueInput(a),
    output: outputMessages?.[0] ?? attrString(a, "output.value"),
    inputTokens: attrNumber(a, "llm.token_count.prompt"),
    outputTokens: attrNumber(a, "llm.token_count.completion"),
    cachedInputTokens: attrNumber(a, "llm.token_count.prompt_details.cache_read"),
    userId: attrString(a, "user.id"),
    sessionId: attrString(a, "session.id"),
    tags: tags.length > 0 ? tags : undefined,
    metadata,
  };
  if (fields.output === undefined && outputMessages === undefined) {
    const raw = a["output.value"];
    if (raw !== undefined && raw !== null) fields.output = asText(raw);
  }
  return { convention: "openinference", verdict: "llm", fields };
};
