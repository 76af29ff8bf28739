/** When the model served for one requested alias changed: a silent upstream update, as data. */
import type { ModelSeen } from "@genchi/spec";

export interface ServedChange {
  from: string;
  to: string;
  /** When the newer served model was first seen (ISO 8601). */
  at: string;
}

/**
 * The latest change of served model, or null when one model always served the alias.
 *
 * @example servedChange(seen) // → { from: "claude-3-5-sonnet-20240620", to: "claude-3-5-sonnet-20241022", at: "2026-…" }
 */
export function servedChange(model: ModelSeen): ServedChange | null {
  const served = [...model.servedModels].sort((a, b) => a.firstSeen.localeCompare(b.firstSeen));
  if (served.length < 2) return null;
  const to = served[served.length - 1]!;
  const from = served[served.length - 2]!;
  return { from: from.model, to: to.model, at: to.firstSeen };
}
