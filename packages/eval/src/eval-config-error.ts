/** Config errors that name the file, the line and the fix (exit 2). */
import { GenchiError } from "@genchi/spec/errors";
import { isNode, type LineCounter, type Node } from "yaml";

/**
 * A `GENCHI_BAD_CONFIG` error as `file:line: problem — fix`.
 *
 * @example throw configError("suite.yaml", 12, "providers[0] has no id", "write `id: openai:chat:gpt-4o-mini`")
 */
export function configError(
  file: string,
  line: number | undefined,
  problem: string,
  fix: string,
): GenchiError {
  const where = line === undefined ? file : `${file}:${line}`;
  return new GenchiError("GENCHI_BAD_CONFIG", `${where}: ${problem} — ${fix}`, { file, line });
}

/**
 * A `GENCHI_BAD_CONFIG` error as `file:line: message` (the message carries its own fix).
 *
 * @example throw configProblem("suite.yaml", 3, "unknown key 'provders' at the top level; did you mean 'providers'?")
 */
export function configProblem(file: string, line: number | undefined, message: string): GenchiError {
  const where = line === undefined ? file : `${file}:${line}`;
  return new GenchiError("GENCHI_BAD_CONFIG", `${where}: ${message}`, { file, line });
}

/** The 1-based line of a YAML node, when known. */
export function lineOf(node: unknown, counter: LineCounter | undefined): number | undefined {
  if (counter === undefined || !isNode(node)) return undefined;
  const range = (node as Node).range;
  return range ? counter.linePos(range[0]).line : undefined;
}
