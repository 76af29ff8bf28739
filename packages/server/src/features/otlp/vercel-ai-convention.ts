/**
 * The Vercel AI SDK's telemetry (`experimental_telemetry`): only the provider-call spans
 * (`ai.generateText.doGenerate`, `ai.streamText.doStream`, `ai.generateObject.doGenerate`,
 * `ai.streamObject.doStream`) are calls; their outer `ai.generateText`-style spans are
 * vetoed so a call is not counted twice. Reads `ai.model.*`, `ai.prompt.messages`,
 * `ai.response.*`, `ai.usage.*` (v4 and v5 names) and `ai.telemetry.*`.
 */
import type { ChatMessage } from "@genchi/spec";
import { asText, chatMessage, isRecord, type ToolCall, toolCall } from "./chat-messages.js";
import type { ConventionReader, LlmSpanFields } from "./llm-span-fields.js";
import { attrJson, attrNumber, attrString, attrsUnder } from "./otlp-attributes.js";
import type { OtlpAttributes } from "./otlp-trace-request.js";

const PROVIDER_CALL = /^ai\.[A-Za-z]+\.do(Generate|Stream)$/;
/** Span names the AI SDK uses, for spans that lack `ai.operationId`. */
const SDK_SPAN =
  /^ai\.(generateText|streamText|generateObject|streamObject|embed|embedMany|toolCall)(\.do[A-Za-z]+)?$/;

/** A tool result's payload: v5 wraps it as `{type:"json"|"text", value}`. */
function toolResultText(part: Record<string, unknown>): string {
  const out = part.output ?? part.result;
  if (isRecord(out) && "value" in out && typeof out.type === "string") return asText(out.value);
  return asText(out);
}

/** One AI SDK message; a `tool` message with several results becomes one message per result. */
function aiSdkMessages(raw: unknown): ChatMessage[] {
  if (!isRecord(raw) || typeof raw.role !== "string") return [];
  const role = raw.role;
  if (typeof raw.content === "string") return [chatMessage(role, { texts: [raw.content] })];
  if (!Array.isArray(raw.content)) return [chatMessage(role, {})];
  const texts: string[] = [];
  const otherParts: Record<string, unknown>[] = [];
  const toolCalls: ToolCall[] = [];
  const results: ChatMessage[] = [];
  for (const part of raw.content) {
    if (!isRecord(part)) continue;
    if (part.type === "text" && typeof part.text === "string") texts.push(part.text);
    else if (part.type === "tool-call")
      toolCalls.push(toolCall(part.toolCallId, part.toolName, part.input ?? part.args));
    else if (part.type === "tool-result") {
      const id = typeof part.toolCallId === "string" ? part.toolCallId : undefined;
      results.push(chatMessage("tool", { texts: [toolResultText(part)], toolCallId: id }));
    } else otherParts.push(part);
  }
  if (results.length > 0 && texts.length === 0 && toolCalls.length === 0 && otherParts.length === 0)
    return results;
  return [chatMessage(role, { texts, otherParts, toolCalls }), ...results];
}

/** `ai.prompt.messages`, else the outer form `ai.prompt` = `{system, prompt, messages}`. */
function promptInput(a: OtlpAttributes): ChatMessage[] | string | undefined {
  const messages = attrJson(a, "ai.prompt.messages");
  if (Array.isArray(messages)) return messages.flatMap(aiSdkMessages);
  const prompt = attrJson(a, "ai.prompt");
  if (!isRecord(prompt)) return attrString(a, "ai.prompt");
  const list: ChatMessage[] = [];
  if (typeof prompt.system === "string") list.push({ role: "system", content: prompt.system });
  if (Array.isArray(prompt.messages)) list.push(...prompt.messages.flatMap(aiSdkMessages));
  if (typeof prompt.prompt === "string") list.push({ role: "user", content: prompt.prompt });
  return list.length > 0 ? list : undefined;
}

/** The assistant message from `ai.response.text`/`.object` and `ai.response.toolCalls`. */
function responseOutput(a: OtlpAttributes): ChatMessage | undefined {
  const text = attrString(a, "ai.response.text", "ai.response.object");
  const rawCalls = attrJson(a, "ai.response.toolCalls");
  const toolCalls = Array.isArray(rawCalls)
    ? rawCalls.filter(isRecord).map((tc) => toolCall(tc.toolCallId, tc.toolName, tc.input ?? tc.args))
    : [];
  if (text === undefined && toolCalls.length === 0) return undefined;
  return chatMessage("assistant", { texts: text === undefined ? [] : [text], toolCalls });
}

/**
 * Reads a span by the Vercel AI SDK's telemetry attributes.
 *
 * @example
 * readVercelAiConvention(span, resource).verdict // → "llm" for ai.generateText.doGenerate, "not-llm" for ai.generateText
 */
export const readVercelAiConvention: ConventionReader = (span) => {
  const a = span.attributes;
  const operationId = attrString(a, "ai.operationId") ?? (SDK_SPAN.test(span.name) ? span.name : undefined);
  if (operationId === undefined) return { convention: "vercel_ai", verdict: "unknown", fields: {} };
  const modelId = attrString(a, "ai.model.id");
  if (!PROVIDER_CALL.test(operationId) || modelId === undefined) {
    return { convention: "vercel_ai", verdict: "not-llm", fields: {} };
  }
  const provider = attrString(a, "ai.model.provider");
  const telemetry = attrsUnder(a, "ai.telemetry.metadata");
  const finishReason = attrString(a, "ai.response.finishReason");
  const metadata: Record<string, unknown> = {};
  if (Object.keys(telemetry).length > 0) metadata.telemetry = { ...telemetry };
  if (provider) metadata.providerId = provider;
  const settings = attrsUnder(a, "ai.settings");
  if (Object.keys(settings).length > 0) metadata.requestParameters = { ...settings };
  const fields: LlmSpanFields = {
    provider: provider?.split(".")[0]?.toLowerCase(),
    requestedModel: modelId,
    model: attrString(a, "ai.response.model"),
    input: promptInput(a),
    output: responseOutput(a),
    inputTokens: attrNumber(a, "ai.usage.inputTokens", "ai.usage.promptTokens"),
    outputTokens: attrNumber(a, "ai.usage.outputTokens", "ai.usage.completionTokens"),
    cachedInputTokens: attrNumber(a, "ai.usage.cachedInputTokens"),
    finishReasons: finishReason ? [finishReason] : undefined,
    operation: operationId,
    responseId: attrString(a, "ai.response.id"),
    ttftMs: attrNumber(a, "ai.response.msToFirstChunk"),
    route: attrString(a, "ai.telemetry.functionId"),
    userId: attrString(telemetry, "userId", "user_id", "user.id"),
    sessionId: attrString(telemetry, "sessionId", "session_id", "session.id"),
    metadata,
  };
  return { convention: "vercel_ai", verdict: "llm", fields };
};
