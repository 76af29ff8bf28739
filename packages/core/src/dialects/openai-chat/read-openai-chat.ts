/** Reads an OpenAI chat request's input and a completion's output, usage, model and finish reason. */
import type { CallInput, ChatMessage } from "@genchi/spec";
import type { ResponseFields } from "../dialect.js";
import { inputOf, isRecord, type Json, str } from "../wire-values.js";
import { openaiChatUsage } from "./openai-chat-usage.js";

/** The request's `messages` (else the body as JSON text). */
export function readOpenAIChatRequest(body: Json): CallInput {
  return inputOf(body, body["messages"]);
}

/**
 * The assistant message of choice 0: role, content, tool calls, and a refusal when there is one.
 *
 * @example readOpenAIChatResponse(completion).output // → { role: "assistant", content: "Paris." }
 */
export function readOpenAIChatResponse(json: unknown): ResponseFields {
  const j = isRecord(json) ? json : {};
  const choice = Array.isArray(j["choices"]) && isRecord(j["choices"][0]) ? j["choices"][0] : {};
  const message = isRecord(choice["message"]) ? choice["message"] : null;
  let output: ChatMessage | null = null;
  if (message) {
    output = { role: str(message["role"]) ?? "assistant", content: str(message["content"]) };
    if (Array.isArray(message["tool_calls"])) output.tool_calls = message["tool_calls"] as Json[];
    const refusal = message["refusal"];
    if (typeof refusal === "string" && refusal.length > 0) output["refusal"] = refusal;
  }
  return {
    output,
    usage: openaiChatUsage(j["usage"]),
    model: str(j["model"]),
    finishReason: str(choice["finish_reason"]),
  };
}
