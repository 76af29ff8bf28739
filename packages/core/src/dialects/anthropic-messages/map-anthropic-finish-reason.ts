/** Anthropic's `stop_reason` in the one vocabulary. */
import type { FinishReason } from "@genchi/spec";

const reasons: Record<string, FinishReason> = {
  end_turn: "stop",
  stop_sequence: "stop",
  pause_turn: "stop",
  max_tokens: "length",
  tool_use: "tool-calls",
  refusal: "content-filter",
};

/** @example mapAnthropicFinishReason("end_turn") // → "stop" */
export function mapAnthropicFinishReason(raw: string | null): FinishReason {
  return raw === null ? "other" : (reasons[raw] ?? "other");
}
