/**
 * Reads a drift JSONL file: one call per line with at least `input` (a string or chat
 * messages) and `output` (a string, an assistant message or null). A bad file fails whole,
 * with the file and line in the message, before any work is done.
 */
import { readFileSync } from "node:fs";
import type { CallInput, CallOutput } from "@genchi/spec";
import { callInputSchema, callOutputSchema, GenchiError } from "@genchi/spec";

export interface DriftRecord {
  input: CallInput;
  output: CallOutput | undefined;
}

function fail(file: string, line: number, message: string): never {
  throw new GenchiError("GENCHI_BAD_REQUEST", `${file}:${line}: ${message}`, { file, line });
}

/**
 * Parses JSONL text (blank lines skipped). `file` names the source in errors.
 *
 * @example parseDriftJsonl('{"input":"hi","output":"hello"}\n', "a.jsonl").length // → 1
 */
export function parseDriftJsonl(text: string, file: string): DriftRecord[] {
  const records: DriftRecord[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      fail(file, i + 1, `not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    if (value === null || typeof value !== "object" || Array.isArray(value))
      fail(file, i + 1, "expected a JSON object with `input` and `output`");
    const record = value as Record<string, unknown>;
    if (record.input === undefined) fail(file, i + 1, "the record has no `input`");
    const input = callInputSchema.safeParse(record.input);
    if (!input.success) fail(file, i + 1, "`input` must be a string or a list of chat messages");
    const output = callOutputSchema.optional().safeParse(record.output);
    if (!output.success) fail(file, i + 1, "`output` must be a string, a message or null");
    records.push({ input: input.data, output: output.data });
  }
  if (records.length === 0)
    throw new GenchiError("GENCHI_BAD_REQUEST", `${file}: the file has no records`, { file });
  return records;
}

/** Reads and parses a drift JSONL file; a missing file is a clear error too. */
export function readDriftFile(file: string): DriftRecord[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new GenchiError(
      "GENCHI_BAD_REQUEST",
      `${file}: cannot read the file (${code === "ENOENT" ? "not found" : (code ?? String(error))})`,
      { file },
    );
  }
  return parseDriftJsonl(text, file);
}
