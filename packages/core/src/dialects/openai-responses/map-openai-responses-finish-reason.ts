/** A Responses `status` (the API's finish reason) in the one vocabulary. */
import type { FinishReason } from "@genchi/spec";

const reasons: Record<string, FinishReason> = {
  completed: "stop",
  incomplete: "length",
  failed: "error",
};

/** @example mapOpenAIResponsesFinishReason("incomplete") // → "length" */
export function mapOpenAIResponsesFinishReason(raw: string | null): FinishReason {
  return raw === null ? "other" : (reasons[raw] ?? "other");
}
