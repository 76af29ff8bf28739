/**
 * Rebuilds the assistant message, stop reason, model and usage from the events of an
 * Anthropic `stream: true` reply (`message_start`, `content_block_*`, `message_delta`).
 */
import type { ChatMessage, Usage } from "@genchi/spec";
import { outputFromAnthropic, usageFromAnthropic } from "./anthropic-message.js";
import type { AnthropicBlockLike, AnthropicStreamEventLike } from "./anthropic-shapes.js";
import type { StreamAccumulator } from "./pending-call.js";

export class AnthropicStreamAccumulator implements StreamAccumulator {
  model: string | null = null;
  finishReason: string | null = null;
  chunks = 0;
  private startUsage: Usage | null = null;
  private finalUsage: Usage | null = null;
  private readonly blocks: AnthropicBlockLike[] = [];

  /**
   * Usage is known once `message_delta` brought the output tokens; a cut stream leaves it
   * unknown, so the server counts the tokens itself.
   */
  get usage(): Usage | null {
    return this.finalUsage;
  }

  /**
   * Adds one event; true when it carried text or tool input (time to first token).
   *
   * @example acc.add({ type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Hel" } }) // → true
   */
  add(event: AnthropicStreamEventLike): boolean {
    this.chunks++;
    switch (event?.type) {
      case "message_start":
        if (typeof event.message?.model === "string") this.model = event.message.model;
        this.startUsage = usageFromAnthropic(event.message?.usage);
        return false;
      case "content_block_start": {
        const block = event.content_block ?? { type: "text", text: "" };
        this.blocks[event.index ?? this.blocks.length] =
          block.type === "tool_use" ? { ...block, partial_json: "" } : { ...block };
        return false;
      }
      case "content_block_delta": {
        const at = event.index ?? 0;
        const block = this.blocks[at] ?? { type: "text", text: "" };
        this.blocks[at] = block;
        const delta = event.delta ?? {};
        if (typeof delta.text === "string" && delta.text.length > 0) {
          block.text = (block.text ?? "") + delta.text;
          return true;
        }
        if (typeof delta.partial_json === "string" && delta.partial_json.length > 0) {
          block["partial_json"] = String(block["partial_json"] ?? "") + delta.partial_json;
          return true;
        }
        return false;
      }
      case "message_delta":
        if (typeof event.delta?.stop_reason === "string") this.finishReason = event.delta.stop_reason;
        this.finalUsage = usageFromAnthropic(event.usage, this.startUsage);
        return false;
      default:
        return false;
    }
  }

  message(): ChatMessage {
    return outputFromAnthropic(this.blocks.filter((b) => b !== undefined));
  }
}
