/** Reads a Responses request's input and a response object's output, usage, model and status. */
import type { CallInput } from "@genchi/spec";
import type { ResponseFields } from "../dialect.js";
import { assistantMessage, isRecord, type Json, messagesOf, str } from "../wire-values.js";
import { openaiResponsesUsage } from "./openai-responses-usage.js";

/**
 * `instructions` as a system message, then `input` (a string, or its message items).
 *
 * @example readOpenAIResponsesRequest({ model: "m", input: "hi" }) // → "hi"
 */
export function readOpenAIResponsesRequest(body: Json): CallInput {
  const input = body["input"];
  const instructions =
    typeof body["instructions"] === "string" ? [{ role: "system", content: body["instructions"] }] : [];
  if (typeof input === "string")
    return instructions.length > 0 ? [...instructions, { role: "user", content: input }] : input;
  const items = Array.isArray(input)
    ? input.filter((i) => isRecord(i) && typeof i["role"] === "string")
    : null;
  const messages = items ? messagesOf(items) : null;
  return messages ? [...instructions, ...messages] : JSON.stringify(body);
}

/** A response object's fields: message text joined, function calls as `tool_calls`; `status` is the finish reason. */
export function readOpenAIResponsesResponse(json: unknown): ResponseFields {
  const r = isRecord(json) ? json : {};
  let text = "";
  const tools: Json[] = [];
  for (const item of Array.isArray(r["output"]) ? r["output"] : []) {
    if (!isRecord(item)) continue;
    if (item["type"] === "message" && Array.isArray(item["content"])) {
      for (const c of item["content"]) if (isRecord(c) && typeof c["text"] === "string") text += c["text"];
    }
    if (item["type"] === "function_call") {
      tools.push({
        ...(typeof item["call_id"] === "string" ? { id: item["call_id"] } : {}),
        type: "function",
        function: { name: str(item["name"]) ?? "", arguments: str(item["arguments"]) ?? "" },
      });
    }
  }
  return {
    output: assistantMessage(text, tools),
    usage: openaiResponsesUsage(r["usage"]),
    model: str(r["model"]),
    finishReason: str(r["status"]),
  };
}
