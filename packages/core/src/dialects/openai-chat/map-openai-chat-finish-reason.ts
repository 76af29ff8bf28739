/** OpenAI's `finish_reason` in the one vocabulary. */
import type { FinishReason } from "@genchi/spec";

const reasons: Record<string, FinishReason> = {
  stop: "stop",
  length: "length",
  tool_calls: "tool-calls",
  function_call: "tool-calls",
  content_filter: "content-filter",
};

/** @example mapOpenAIChatFinishReason("tool_calls") // → "tool-calls" */
export function mapOpenAIChatFinishReason(raw: string | null): FinishReason {
  return raw === null ? "other" : (reasons[raw] ?? "other");
}
