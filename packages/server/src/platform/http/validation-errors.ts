/** Validation problems phrased for people: which field, what was wrong. */
import type { ErrorCode } from "@genchi/spec";
import type { z } from "zod";

/** The first zod issue as `{ code, field, message }`, e.g. field "usage.inputTokens". */
export function zodIssueToError(error: z.ZodError): { code: ErrorCode; message: string; field?: string } {
  const issue = error.issues[0];
  if (!issue) return { code: "GENCHI_VALIDATION", message: "invalid value" };
  const field = issue.path.map(String).join(".");
  return field
    ? { code: "GENCHI_VALIDATION", field, message: `${field}: ${issue.message}` }
    : { code: "GENCHI_VALIDATION", message: issue.message };
}

/** A warning per top-level field the schema does not know (the field is dropped, the item kept). */
export function unknownFieldWarnings(raw: object, known: ReadonlySet<string>): string[] {
  const warnings: string[] = [];
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) warnings.push(`unknown field '${key}' ignored`);
  }
  return warnings;
}
