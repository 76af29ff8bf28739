/** Rebuilds the assistant message, finish reason, model and usage from streamed chat chunks. */
import type { ChatMessage, Usage } from "@genchi/spec";
import type { ChatCompletionChunkLike } from "./openai-shapes.js";
import { usageFromOpenAI } from "./openai-usage.js";
import type { StreamAccumulator } from "./pending-call.js";

type ToolCallParts = {
  id?: string;
  type: string;
  function: { name: string; arguments: string };
};

export class ChatStreamAccumulator implements StreamAccumulator {
  model: string | null = null;
  finishReason: string | null = null;
  usage: Usage | null = null;
  chunks = 0;
  private role = "assistant";
  private content = "";
  private refusal = "";
  private readonly toolCalls: ToolCallParts[] = [];

  /**
   * Adds one chunk (only choice 0 is followed); true when it carried content or a tool call,
   * which is what time-to-first-token measures.
   *
   * @example acc.add({ choices: [{ delta: { content: "Hel" } }] }) // → true
   */
  add(chunk: ChatCompletionChunkLike): boolean {
    this.chunks++;
    if (typeof chunk.model === "string") this.model = chunk.model;
    if (chunk.usage) this.usage = usageFromOpenAI(chunk.usage);
    const choice = chunk.choices?.find((c) => (c.index ?? 0) === 0);
    if (!choice) return false;
    if (choice.finish_reason) this.finishReason = choice.finish_reason;
    const delta = choice.delta;
    if (!delta) return false;
    if (delta.role) this.role = delta.role;
    let produced = false;
    if (typeof delta.content === "string" && delta.content.length > 0) {
      this.content += delta.content;
      produced = true;
    }
    if (typeof delta.refusal === "string" && delta.refusal.length > 0) {
      this.refusal += delta.refusal;
      produced = true;
    }
    for (const part of delta.tool_calls ?? []) {
      const at = part.index ?? this.toolCalls.length;
      const call = this.toolCalls[at] ?? { type: "function", function: { name: "", arguments: "" } };
      this.toolCalls[at] = call;
      if (part.id) call.id = part.id;
      if (part.type) call.type = part.type;
      if (part.function?.name) call.function.name += part.function.name;
      if (part.function?.arguments) call.function.arguments += part.function.arguments;
      produced = true;
    }
    return produced;
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
}
