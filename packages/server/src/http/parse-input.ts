/** Validates a request body or query with a zod schema; a failure is one clear 400 naming the field. */
import { GenchiError } from "@genchi/spec";
import type { z } from "zod";

/**
 * @example const run = parseInput(evalRunCreateSchema, request.body, "body", '{"description":"x"}')
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: "body" | "query",
  example?: string,
): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join(".");
  const label = where === "query" ? `query parameter ${field}` : field || "body";
  throw new GenchiError(
    "GENCHI_VALIDATION",
    `${label}: ${issue.message}${example ? `; e.g. ${example}` : ""}`,
    field ? { field } : undefined,
  );
}
