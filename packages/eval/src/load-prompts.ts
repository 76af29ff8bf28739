/**
 * A suite's prompts as promptfoo reads them: text, `{raw, label}`, `{id: file://…, label}`,
 * and prompt files (`file://prompt.txt`, or a bare path with a prompt file's extension), a
 * .txt holding several prompts split on `---` lines. Prompt types genchi cannot run (code,
 * CSV, globs) are refused, never read as text.
 */
import { readFileSync } from "node:fs";
import { extname, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
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
  if (!promptFileExtensions.includes(ext))
    throw configError(
      where.file,
      where.line(at),
      `prompt ${ref}: genchi doesn't read ${ext === "" ? "prompt files without an extension" : `${ext} prompt files`}`,
      `use one of ${promptFileExtensions.join(", ")}`,
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
  const raws = promptsOfFile(text, ext);
  if (raws.length === 0)
    throw configError(
      where.file,
      where.line(at),
      `prompt file ${path} holds no prompt`,
      "write the prompt in it",
    );
  const name = label ?? ref;
  return raws.map((raw, k) => ({ raw, label: raws.length === 1 ? name : `${name} #${k + 1}` }));
}

/**
 * The prompts a file holds, as promptfoo reads them: a .txt is split on lines of `---`
 * (PROMPTFOO_PROMPT_SEPARATOR) and each part trimmed; a .jsonl holds one prompt a line; .json
 * and .yaml are one prompt, as compact JSON; .md and .j2 are one prompt, as written.
 *
 * @example promptsOfFile("a\n---\nb\n", ".txt") // → ["a", "b"]
 */
export function promptsOfFile(text: string, ext: string): string[] {
  if (ext === ".txt") {
    const separator = process.env["PROMPTFOO_PROMPT_SEPARATOR"] || "---";
    const prompts: string[] = [];
    let part: string[] = [];
    const flush = () => {
      const raw = part.join("\n").trim();
      if (raw !== "") prompts.push(raw);
      part = [];
    };
    for (const line of text.split(/\r?\n/)) {
      if (line.trim() === separator) flush();
      else part.push(line);
    }
    flush();
    return prompts;
  }
  if (ext === ".jsonl") return text.split(/\r?\n/).filter((line) => line.length > 0);
  if (ext === ".json" || ext === ".yaml" || ext === ".yml") {
    try {
      return [JSON.stringify(ext === ".json" ? JSON.parse(text) : parseYaml(text))];
    } catch {
      return [text]; // promptfoo too keeps a file it cannot parse as text
    }
  }
  return [text];
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
