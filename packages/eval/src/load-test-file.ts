/** Tests from a JSONL, CSV or YAML file (promptfoo's `tests: file://…`), with file:line errors. */
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import type { AssertionSpec } from "@genchi/core/eval";
import { parse } from "yaml";
import { configError, configProblem } from "./eval-config-error.js";
import { parseCsv } from "./parse-csv.js";

/**
 * A CSV `__expected` cell as an assertion: `type: value` for a known prefix, else `equals`.
 *
 * @example expectedToAssertion("contains: Paris") // → { type: "contains", value: "Paris" }
 */
export function expectedToAssertion(cell: string): AssertionSpec {
  const m = /^(not-)?([a-z-]+):\s?([\s\S]*)$/.exec(cell);
  if (
    m &&
    [
      "contains",
      "icontains",
      "equals",
      "regex",
      "starts-with",
      "javascript",
      "llm-rubric",
      "similar",
      "is-json",
      "contains-json",
      "contains-any",
      "contains-all",
      "levenshtein",
    ].includes(m[2]!)
  ) {
    return { type: `${m[1] ?? ""}${m[2]}`, value: m[3] };
  }
  if (cell.startsWith("fn:")) return { type: "javascript", value: cell.slice(3) };
  if (cell.startsWith("grade:")) return { type: "llm-rubric", value: cell.slice(6).trim() };
  return { type: "equals", value: cell };
}

/**
 * Raw test objects from a file; each is validated by the config loader.
 *
 * @example loadTestFile("/suite/tests.jsonl") // → [{ vars: {…}, assert: […] }, …]
 */
export function loadTestFile(path: string): { line: number; raw: unknown }[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw configError(
      path,
      undefined,
      "test file not found",
      "check the file:// path (relative to the config file)",
    );
  }
  const ext = extname(path).toLowerCase();
  if (ext === ".jsonl") {
    const out: { line: number; raw: unknown }[] = [];
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!.trim();
      if (line === "") continue;
      try {
        out.push({ line: i + 1, raw: JSON.parse(line) });
      } catch (error) {
        throw configError(
          path,
          i + 1,
          `invalid JSON (${(error as Error).message})`,
          "write one JSON object per line",
        );
      }
    }
    return out;
  }
  if (ext === ".csv") {
    const rows = parseCsv(text);
    const header = rows[0]?.cells ?? [];
    // promptfoo's other special columns (__metric, __threshold, __prefix, __config:…) change verdicts
    const special = header.find(
      (name) => name.startsWith("__") && !name.startsWith("__expected") && name !== "__description",
    );
    if (special !== undefined)
      throw configProblem(
        path,
        rows[0]?.line ?? 1,
        `column '${special}': genchi doesn't support it (a promptfoo CSV column); it reads __expected… and __description`,
      );
    return rows.slice(1).map(({ line, cells }) => {
      const vars: Record<string, string> = {};
      const assert: AssertionSpec[] = [];
      let description: string | undefined;
      header.forEach((name, i) => {
        const cell = cells[i] ?? "";
        if (name.startsWith("__expected")) {
          if (cell !== "") assert.push(expectedToAssertion(cell));
        } else if (name === "__description") description = cell;
        else vars[name] = cell;
      });
      return { line, raw: { vars, assert, ...(description !== undefined ? { description } : {}) } };
    });
  }
  if (ext === ".yaml" || ext === ".yml" || ext === ".json") {
    let value: unknown;
    try {
      value = parse(text);
    } catch (error) {
      throw configError(
        path,
        undefined,
        `cannot parse (${(error as Error).message})`,
        "fix the YAML/JSON syntax",
      );
    }
    if (!Array.isArray(value))
      throw configError(path, 1, "expected a list of tests", "write a YAML list of tests");
    return value.map((raw) => ({ line: 0, raw }));
  }
  throw configError(
    path,
    undefined,
    `unsupported test file type "${ext}"`,
    "use .jsonl, .csv, .yaml or .json",
  );
}
