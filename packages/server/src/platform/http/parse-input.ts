/**
 * Validates a request body or query with a zod schema; a failure is one clear 400 naming the
 * field. A value nested deeper than util/json-depth.ts allows is refused before zod sees it.
 */
import { GenchiError } from "@genchi/spec";
import type { z } from "zod";
import { assertJsonDepth } from "../util/json-depth.js";

/**
 * @example const run = parseInput(evalRunCreateSchema, request.body, "body", '{"description":"x"}')
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: "body" | "query",
  example?: string,
): z.output<S> {
  assertJsonDepth(value, where === "query" ? "the query" : "the body");
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
