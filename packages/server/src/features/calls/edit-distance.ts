/**
 * The normalised edit distance of an accepted-after-edit suggestion: Levenshtein distance
 * between the suggestion shown and what the user kept, over the longer length (0 = same,
 * 1 = nothing in common). Computed at ingest from `metadata.suggestion` and `editedOutput`.
 */
import { distance } from "fastest-levenshtein";

/** @example normalizedEditDistance("shoes", "shoe") // → 0.2 */
export function normalizedEditDistance(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 0 : Math.round((distance(a, b) / longest) * 10_000) / 10_000;
}

/**
 * Metadata with `editDistance` (and `editChars`, the raw distance) set when the feedback
 * carries both the suggestion shown and the edited text; otherwise the metadata as given.
 *
 * @example withEditDistance({ suggestion: "shoes" }, "boots") // → { suggestion: "shoes", editDistance: 0.6, editChars: 3 }
 */
export function withEditDistance(
  metadata: Record<string, unknown>,
  editedOutput: string | null | undefined,
): Record<string, unknown> {
  const suggestion = metadata["suggestion"];
  if (typeof suggestion !== "string" || typeof editedOutput !== "string") return metadata;
  return {
    ...metadata,
    editDistance: normalizedEditDistance(suggestion, editedOutput),
    editChars: distance(suggestion, editedOutput),
  };
}
