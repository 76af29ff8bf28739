/**
 * A suite's prompts as promptfoo reads them: text, `{raw, label}`, `{id: file://…, label}`,
 * and prompt files (`file://prompt.txt`, or a bare path with a prompt file's extension).
 * Prompt types genchi cannot run (code, CSV) are refused, never read as text.
 */
import { readFileSync } from "node:fs";
import { extname, resolve } from "node:path";
import { configError } from "./eval-config-error.js";

export interface PromptSpec {
  raw: string;
  label: string;
}

interface PromptWhere {
  file: string;
  line: (path: (string | number)[]) => number | undefined;
}

/** Extensions promptfoo reads as prompt files. */
const promptFileExtensions = [".txt", ".json", ".jsonl", ".md", ".j2", ".yaml", ".yml"];
/** Extensions promptfoo runs as code: genchi refuses them. */
const codeExtensions = [".js", ".cjs", ".mjs", ".ts", ".cts", ".mts", ".py", ".csv"];

/** Whether promptfoo would take a prompt string for a file path (`prompts.txt`, `file://…`). */
function isFileReference(text: string): boolean {
  if (text.startsWith("file://")) return true;
  if (text.includes("\n")) return false;
  const last = text.split(":").pop() ?? "";
  return [...promptFileExtensions, ...codeExtensions].some((ext) => last.endsWith(ext));
}

function readPromptFile(
  ref: string,
  label: string | undefined,
  at: (string | number)[],
  base: string,
  where: PromptWhere,
): PromptSpec[] {
  const path = resolve(base, ref.startsWith("file://") ? ref.slice(7) : ref);
  const ext = extname(path).toLowerCase();
  if (codeExtensions.includes(ext) || path.includes("*"))
    throw configError(
      where.file,
      where.line(at),
      `prompt ${ref}: genchi doesn't support ${path.includes("*") ? "globs" : `${ext} prompt files`}`,
      "write the prompt as text, or in a .txt, .json, .md or .yaml file",
    );
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw configError(
      where.file,
      where.line(at),
      `prompt file ${path} not found`,
      "check the file:// path (relative to the config file)",
    );
  }
  return [{ raw: text, label: label ?? ref }];
}

/**
 * Reads `prompts:` (default `{{prompt}}`).
 *
 * @example loadPrompts(["file://prompts.txt"], "/suite", where) // → [{ raw: "…", label: "file://prompts.txt" }]
 */
export function loadPrompts(raw: unknown, base: string, where: PromptWhere): PromptSpec[] {
  const list = raw === undefined ? ["{{prompt}}"] : Array.isArray(raw) ? raw : [raw];
  return list.flatMap((p, i): PromptSpec[] => {
    const at = ["prompts", i];
    if (typeof p === "object" && p !== null && !Array.isArray(p)) {
      const o = p as { raw?: string; id?: string; label?: string };
      if (typeof o.raw === "string") return [{ raw: o.raw, label: o.label ?? o.raw }];
      if (typeof o.id === "string" && isFileReference(o.id))
        return readPromptFile(o.id, o.label, at, base, where);
      throw configError(
        where.file,
        where.line(at),
        `prompts[${i}] has neither raw text nor a file:// id`,
        "write `- raw: …` or `- id: file://prompt.txt`",
      );
    }
    if (typeof p !== "string")
      throw configError(
        where.file,
        where.line(at),
        `prompts[${i}] is not a string`,
        "write the prompt text or file://prompt.txt",
      );
    return isFileReference(p) ? readPromptFile(p, undefined, at, base, where) : [{ raw: p, label: p }];
  });
}
