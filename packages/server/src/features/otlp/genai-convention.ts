/**
 * The OpenTelemetry GenAI semantic conventions: `gen_ai.provider.name` (or the deprecated
 * `gen_ai.system`), request/response model, `gen_ai.usage.*` tokens (current and
 * deprecated names), structured `gen_ai.input.messages`/`gen_ai.output.messages`/
 * `gen_ai.system_instructions`, and the deprecated `gen_ai.prompt`/`gen_ai.completion`
 * attributes and message events.
 */
import type { ChatMessage } from "@genchi/spec";
import {
  deprecatedMessages,
  genAiMessage,
  messagesFromEvents,
  outputFinishReasons,
  systemInstructionsMessage,
} from "./genai-messages.js";
import type { ConventionReader, LlmSpanFields } from "./llm-span-fields.js";
import { attrJson, attrNumber, attrString, attrStringList, attrsUnder } from "./otlp-attributes.js";

/** Operations that wrap model calls rather than being one; their spans would double-count. */
const WRAPPING_OPERATIONS = new Set(["execute_tool", "invoke_agent", "create_agent", "invoke_workflow"]);
const MODEL_OPERATIONS = new Set(["chat", "text_completion", "generate_content", "embeddings"]);
/** Attributes whose presence marks a model call. */
const SIGNAL_KEYS = [
  "gen_ai.request.model",
  "gen_ai.response.model",
  "gen_ai.usage.input_tokens",
  "gen_ai.usage.output_tokens",
  "gen_ai.usage.prompt_tokens",
  "gen_ai.usage.completion_tokens",
  "gen_ai.input.messages",
  "gen_ai.output.messages",
];

function withSystem(
  system: ChatMessage | null,
  input: ChatMessage[] | string | undefined,
): ChatMessage[] | string | undefined {
  if (!system) return input;
  if (input === undefined) return [system];
  if (typeof input === "string") return [system, { role: "user", content: input }];
  return input[0]?.role === "system" ? input : [system, ...input];
}

/**
 * Reads a span by the GenAI conventions.
 *
 * @example
 * readGenAiConvention(span, resource).fields.model // → "gpt-4o-mini-2024-07-18" (from gen_ai.response.model)
 */
export const readGenAiConvention: ConventionReader = (span) => {
  const a = span.attributes;
  const operation = attrString(a, "gen_ai.operation.name");
  if (operation && WRAPPING_OPERATIONS.has(operation)) {
    return { convention: "gen_ai", verdict: "not-llm", fields: {} };
  }
  const events = messagesFromEvents(span.events);
  const prompt = deprecatedMessages(a, "gen_ai.prompt");
  const completion = deprecatedMessages(a, "gen_ai.completion");
  const claimed =
    SIGNAL_KEYS.some((k) => a[k] !== undefined && a[k] !== null) ||
    (operation !== undefined && MODEL_OPERATIONS.has(operation)) ||
    prompt !== undefined ||
    completion !== undefined ||
    events.input !== undefined ||
    events.output !== undefined;
  if (!claimed) return { convention: "gen_ai", verdict: "unknown", fields: {} };

  const structuredIn = attrJson(a, "gen_ai.input.messages");
  const structuredOut = attrJson(a, "gen_ai.output.messages");
  const inputMessages = Array.isArray(structuredIn)
    ? structuredIn.flatMap((m) => genAiMessage(m) ?? [])
    : undefined;
  const outputMessages = Array.isArray(structuredOut)
    ? structuredOut.flatMap((m) => genAiMessage(m) ?? [])
    : undefined;
  const input = withSystem(systemInstructionsMessage(a), inputMessages ?? prompt ?? events.input);
  const output =
    outputMessages?.[0] ?? (Array.isArray(completion) ? completion[0] : completion) ?? events.output;

  let finishReasons = attrStringList(a, "gen_ai.response.finish_reasons");
  if (finishReasons.length === 0) finishReasons = outputFinishReasons(structuredOut);
  if (finishReasons.length === 0) finishReasons = attrStringList(a, "gen_ai.completion.0.finish_reason");
  if (finishReasons.length === 0 && events.finishReason) finishReasons = [events.finishReason];
  const firstChunk = attrNumber(a, "gen_ai.response.time_to_first_chunk");

  const requestParameters = attrsUnder(a, "gen_ai.request");
  delete requestParameters.model;
  const metadata: Record<string, unknown> = {};
  if (Object.keys(requestParameters).length > 0) metadata.requestParameters = { ...requestParameters };
  const agentName = attrString(a, "gen_ai.agent.name");
  if (agentName) metadata.agentName = agentName;

  const fields: LlmSpanFields = {
    provider: attrString(a, "gen_ai.provider.name", "gen_ai.system")?.toLowerCase(),
    requestedModel: attrString(a, "gen_ai.request.model"),
    model: attrString(a, "gen_ai.response.model"),
    input,
    output,
    inputTokens: attrNumber(a, "gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens"),
    outputTokens: attrNumber(a, "gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens"),
    cachedInputTokens: attrNumber(
      a,
      "gen_ai.usage.cache_read.input_tokens",
      "gen_ai.usage.cache_read_input_tokens",
    ),
    finishReasons: finishReasons.length > 0 ? finishReasons : undefined,
    operation,
    responseId: attrString(a, "gen_ai.response.id"),
    ttftMs: firstChunk === undefined ? undefined : firstChunk * 1000,
    sessionId: attrString(a, "gen_ai.conversation.id"),
    metadata,
  };
  return { convention: "gen_ai", verdict: "llm", fields };
};
