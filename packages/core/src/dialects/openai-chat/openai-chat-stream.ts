/** Rebuilds the assistant message, finish reason, model and usage from streamed chat chunks. */
import type { ChatMessage, Usage } from "@genchi/spec";
import type { ResponseFields, StreamFold } from "../dialect.js";
import { isRecord, type Json, parseJson, str } from "../wire-values.js";
import { openaiChatUsage } from "./openai-chat-usage.js";

type ToolCallParts = { id?: string; type: string; function: { name: string; arguments: string } };

/** Choice 0 of a chunk (by its `index`, which defaults to 0). */
function firstChoice(chunk: Json): Json | null {
  const choices = chunk["choices"];
  if (!Array.isArray(choices)) return null;
  const found = choices.find((c) => isRecord(c) && (c["index"] ?? 0) === 0);
  return isRecord(found) ? found : null;
}

/** Whether a chunk's delta carries output: text, a refusal or a tool-call part. */
function carriesOutput(delta: Json): boolean {
  const text = (v: unknown) => typeof v === "string" && v.length > 0;
  return (
    text(delta["content"]) ||
    text(delta["refusal"]) ||
    (Array.isArray(delta["tool_calls"]) && delta["tool_calls"].length > 0)
  );
}

/**
 * Follows choice 0 of a `chat.completion.chunk` stream.
 *
 * @example const fold = new OpenAIChatStreamFold(); fold.add({ choices: [{ delta: { content: "Hel" } }] }) // → true
 */
export class OpenAIChatStreamFold implements StreamFold {
  model: string | null = null;
  finishReason: string | null = null;
  usage: Usage | null = null;
  chunks = 0;
  private role = "assistant";
  private content = "";
  private refusal = "";
  private readonly toolCalls: ToolCallParts[] = [];

  add(chunk: unknown): boolean {
    this.chunks++;
    if (!isRecord(chunk)) return false;
    if (typeof chunk["model"] === "string") this.model = chunk["model"];
    if (isRecord(chunk["usage"])) this.usage = openaiChatUsage(chunk["usage"]);
    const choice = firstChoice(chunk);
    if (!choice) return false;
    const finish = str(choice["finish_reason"]);
    if (finish) this.finishReason = finish;
    const delta = choice["delta"];
    if (!isRecord(delta)) return false;
    if (typeof delta["role"] === "string" && delta["role"].length > 0) this.role = delta["role"];
    if (typeof delta["content"] === "string") this.content += delta["content"];
    if (typeof delta["refusal"] === "string") this.refusal += delta["refusal"];
    for (const part of Array.isArray(delta["tool_calls"]) ? delta["tool_calls"] : []) {
      if (!isRecord(part)) continue;
      const at = typeof part["index"] === "number" ? part["index"] : this.toolCalls.length;
      const call = this.toolCalls[at] ?? { type: "function", function: { name: "", arguments: "" } };
      this.toolCalls[at] = call;
      const fn = isRecord(part["function"]) ? part["function"] : {};
      if (typeof part["id"] === "string" && part["id"].length > 0) call.id = part["id"];
      if (typeof part["type"] === "string" && part["type"].length > 0) call.type = part["type"];
      if (typeof fn["name"] === "string") call.function.name += fn["name"];
      if (typeof fn["arguments"] === "string") call.function.arguments += fn["arguments"];
    }
    return carriesOutput(delta);
  }

  /** The assistant message as a non-streaming call would have returned it. */
  message(): ChatMessage {
    const calls = this.toolCalls.filter((c) => c !== undefined);
    const message: ChatMessage = {
      role: this.role,
      content: this.content.length > 0 || calls.length === 0 ? this.content : null,
    };
    if (calls.length > 0) message.tool_calls = calls;
    if (this.refusal.length > 0) message["refusal"] = this.refusal;
    return message;
  }

  result(): ResponseFields {
    return { output: this.message(), usage: this.usage, model: this.model, finishReason: this.finishReason };
  }
}

/** Whether one SSE event's chunk carries output (time to first token). */
export function isOpenAIChatContent(data: string): boolean {
  const j = parseJson(data);
  if (!isRecord(j)) return false;
  const choice = firstChoice(j);
  return choice !== null && isRecord(choice["delta"]) && carriesOutput(choice["delta"]);
}
