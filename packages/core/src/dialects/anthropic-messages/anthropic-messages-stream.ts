/**
 * Rebuilds the assistant message, stop reason, model and usage from the events of an
 * Anthropic `stream: true` reply (`message_start`, `content_block_*`, `message_delta`).
 */
import type { ChatMessage, Usage } from "@genchi/spec";
import type { ResponseFields, StreamFold } from "../dialect.js";
import { isRecord, type Json } from "../wire-values.js";
import { anthropicMessagesUsage } from "./anthropic-messages-usage.js";
import { anthropicOutput } from "./read-anthropic-messages.js";

/**
 * @example const fold = new AnthropicStreamFold(); fold.add({ type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Hel" } }) // → true
 */
export class AnthropicStreamFold implements StreamFold {
  model: string | null = null;
  finishReason: string | null = null;
  chunks = 0;
  private startUsage: Usage | null = null;
  private finalUsage: Usage | null = null;
  private readonly blocks: Json[] = [];

  /**
   * Usage is known once `message_delta` brought the output tokens; a cut stream leaves it
   * unknown, so the server counts the tokens itself.
   */
  get usage(): Usage | null {
    return this.finalUsage;
  }

  add(event: unknown): boolean {
    this.chunks++;
    if (!isRecord(event)) return false;
    const index = typeof event["index"] === "number" ? event["index"] : undefined;
    switch (event["type"]) {
      case "message_start": {
        const message = isRecord(event["message"]) ? event["message"] : {};
        if (typeof message["model"] === "string") this.model = message["model"];
        this.startUsage = anthropicMessagesUsage(message["usage"]);
        return false;
      }
      case "content_block_start": {
        const block = isRecord(event["content_block"]) ? event["content_block"] : { type: "text", text: "" };
        this.blocks[index ?? this.blocks.length] =
          block["type"] === "tool_use" ? { ...block, partial_json: "" } : { ...block };
        return false;
      }
      case "content_block_delta": {
        const at = index ?? 0;
        const block = this.blocks[at] ?? { type: "text", text: "" };
        this.blocks[at] = block;
        const delta = isRecord(event["delta"]) ? event["delta"] : {};
        if (typeof delta["text"] === "string" && delta["text"].length > 0) {
          block["text"] = String(block["text"] ?? "") + delta["text"];
          return true;
        }
        if (typeof delta["partial_json"] === "string" && delta["partial_json"].length > 0) {
          block["partial_json"] = String(block["partial_json"] ?? "") + delta["partial_json"];
          return true;
        }
        return false;
      }
      case "message_delta": {
        const delta = isRecord(event["delta"]) ? event["delta"] : {};
        if (typeof delta["stop_reason"] === "string") this.finishReason = delta["stop_reason"];
        this.finalUsage = anthropicMessagesUsage(event["usage"], this.startUsage);
        return false;
      }
      default:
        return false;
    }
  }

  /** The assistant message as a non-streaming call would have returned it. */
  message(): ChatMessage {
    return anthropicOutput(this.blocks.filter((b) => b !== undefined));
  }

  result(): ResponseFields {
    return { output: this.message(), usage: this.usage, model: this.model, finishReason: this.finishReason };
  }
}

/** Whether one SSE event carries output: a content block delta (time to first token). */
export const isAnthropicContent = (event: string | null | undefined, data: string): boolean =>
  event === "content_block_delta" || data.includes('"type":"content_block_delta"');
