/**
 * Which model "served" a request: providers answer a floating alias with a dated snapshot
 * (`gpt-4o-mini` → `gpt-4o-mini-2024-07-18`), which is what genchi has to record.
 */

const snapshots: Readonly<Record<string, string>> = {
  "gpt-4o-mini": "gpt-4o-mini-2024-07-18",
  "gpt-4o": "gpt-4o-2024-08-06",
  "gpt-4.1": "gpt-4.1-2025-04-14",
  "gpt-4.1-mini": "gpt-4.1-mini-2025-04-14",
  "gpt-4.1-nano": "gpt-4.1-nano-2025-04-14",
  "o3-mini": "o3-mini-2025-01-31",
  "claude-3-5-sonnet-latest": "claude-3-5-sonnet-20241022",
  "claude-3-5-haiku-latest": "claude-3-5-haiku-20241022",
  "claude-3-7-sonnet-latest": "claude-3-7-sonnet-20250219",
  "claude-sonnet-4-0": "claude-sonnet-4-20250514",
  "claude-opus-4-0": "claude-opus-4-20250514",
};

/**
 * The model id the upstream reports for a requested one; unknown ids are served as asked.
 *
 * @example servedModel("gpt-4o-mini") // → "gpt-4o-mini-2024-07-18"
 */
export function servedModel(requested: string): string {
  return snapshots[requested] ?? requested;
}
