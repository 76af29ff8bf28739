/** Turns untrusted feedback into stored Feedback: validated, NULs removed, defaults filled, label derived. */
import { deriveLabel } from "@genchi/core";
import { uuidv7 } from "@genchi/sdk";
import { type Feedback, feedbackInFields, feedbackInSchema } from "@genchi/spec";
import { unknownFieldWarnings, zodIssueToError } from "../../platform/http/validation-errors.js";
import { withEditDistance } from "./edit-distance.js";
import type { Normalized } from "./normalize-call.js";
import { nulWarning, withoutNul } from "./strip-nul.js";

/**
 * @example normalizeFeedback({ callId: "c1", kind: "regenerate" }) // value.label → "strong_negative"
 */
export function normalizeFeedback(raw: unknown, now: number = Date.now()): Normalized<Feedback> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { ok: false, error: { code: "GENCHI_VALIDATION", message: "feedback must be a JSON object" } };
  }
  const parsed = feedbackInSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: zodIssueToError(parsed.error) };
  const { value: f, fields } = withoutNul(parsed.data);
  const warnings = unknownFieldWarnings(raw, feedbackInFields);
  if (fields.length > 0) warnings.push(nulWarning(fields));
  return {
    ok: true,
    warnings,
    value: {
      id: f.id ?? uuidv7(),
      callId: f.callId,
      kind: f.kind,
      value: f.value ?? null,
      editedOutput: f.editedOutput ?? null,
      comment: f.comment ?? null,
      userId: f.userId ?? null,
      timestamp: f.timestamp ? new Date(f.timestamp).toISOString() : new Date(now).toISOString(),
      label: deriveLabel(f.kind, f.value),
      metadata: withEditDistance(f.metadata ?? {}, f.editedOutput),
    },
  };
}
