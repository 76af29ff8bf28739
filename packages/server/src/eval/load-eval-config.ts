/**
 * Reads genchi's eval YAML (the promptfoo subset of CONTRACT.md): prompts (strings, file://),
 * providers, tests (inline or file:// JSONL/CSV/YAML), defaultTest and evaluateOptions.
 * Every error names the file, the line and the fix.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { AssertionSpec } from "@genchi/core/eval";
import { LineCounter, parseDocument } from "yaml";
import { configError, lineOf } from "./eval-config-error.js";
import type { EvalSuite, ProviderSpec, TestCase, TestOptions } from "./eval-suite.js";
import { loadTestFile } from "./load-test-file.js";

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === "object" && v !== null && !Array.isArray(v);

interface Where {
  file: string;
  line: (path: (string | number)[]) => number | undefined;
}

function parseProvider(raw: unknown, i: number, where: Where): ProviderSpec {
  if (typeof raw === "string") return { id: raw, label: raw, config: {} };
  if (!isRec(raw) || typeof raw["id"] !== "string") {
    throw configError(
      where.file,
      where.line(["providers", i]),
      `providers[${i}] has no id`,
      'write `- id: "openai:chat:gpt-4o-mini"`',
    );
  }
  const config = isRec(raw["config"]) ? (raw["config"] as ProviderSpec["config"]) : {};
  return { id: raw["id"], label: typeof raw["label"] === "string" ? raw["label"] : raw["id"], config };
}

function parseAssertions(raw: unknown, at: (string | number)[], where: Where): AssertionSpec[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw))
    throw configError(
      where.file,
      where.line(at),
      "assert must be a list",
      "write `assert:` followed by `- type: contains` items",
    );
  return raw.map((a, j) => {
    if (!isRec(a) || typeof a["type"] !== "string") {
      throw configError(
        where.file,
        where.line([...at, j]),
        `assertion ${j + 1} has no type`,
        "add `type: contains` (or another assertion type)",
      );
    }
    const spec: AssertionSpec = { type: a["type"] };
    if ("value" in a) spec.value = a["value"];
    for (const key of ["threshold", "weight"] as const) {
      const v = a[key];
      if (v === undefined) continue;
      if (typeof v !== "number")
        throw configError(
          where.file,
          where.line([...at, j, key]),
          `${key} must be a number`,
          `write e.g. \`${key}: 0.8\``,
        );
      spec[key] = v;
    }
    if (typeof a["metric"] === "string") spec.metric = a["metric"];
    if (a["provider"] !== undefined) spec.provider = a["provider"];
    return spec;
  });
}

/** defaultTest's options and assertions, parsed once and shared by every test (memory stays small for 100k tests). */
const sharedOptions = new WeakMap<Rec, TestOptions>();
const sharedAsserts = new WeakMap<Rec, AssertionSpec[]>();

function defaultOptions(defaults: Rec): TestOptions {
  let hit = sharedOptions.get(defaults);
  if (!hit) {
    hit = isRec(defaults["options"]) ? { ...defaults["options"] } : {};
    sharedOptions.set(defaults, hit);
  }
  return hit;
}

function defaultAsserts(defaults: Rec, where: Where): AssertionSpec[] {
  let hit = sharedAsserts.get(defaults);
  if (!hit) {
    hit = parseAssertions(defaults["assert"], ["defaultTest", "assert"], where);
    sharedAsserts.set(defaults, hit);
  }
  return hit;
}

function parseTest(raw: unknown, at: (string | number)[], where: Where, defaults: Rec): TestCase {
  if (!isRec(raw))
    throw configError(
      where.file,
      where.line(at),
      "a test must be a mapping",
      "write `- vars: {…}` with `assert:`",
    );
  const vars = {
    ...(isRec(defaults["vars"]) ? defaults["vars"] : {}),
    ...(isRec(raw["vars"]) ? raw["vars"] : {}),
  };
  const options: TestOptions = isRec(raw["options"])
    ? { ...defaultOptions(defaults), ...raw["options"] }
    : defaultOptions(defaults);
  if (options.repeat !== undefined && (!Number.isInteger(options.repeat) || options.repeat < 1)) {
    throw configError(
      where.file,
      where.line([...at, "options", "repeat"]),
      "options.repeat must be a whole number ≥ 1",
      "write e.g. `repeat: 5`",
    );
  }
  const shared = defaultAsserts(defaults, where);
  const own = parseAssertions(raw["assert"], [...at, "assert"], where);
  const assert = own.length === 0 ? shared : [...shared, ...own];
  const threshold = typeof raw["threshold"] === "number" ? raw["threshold"] : undefined;
  return {
    description: typeof raw["description"] === "string" ? raw["description"] : undefined,
    vars,
    assert,
    options,
    threshold,
  };
}

function readPrompt(raw: unknown, i: number, base: string, where: Where): { raw: string; label: string } {
  if (isRec(raw) && typeof raw["raw"] === "string")
    return { raw: raw["raw"], label: typeof raw["label"] === "string" ? raw["label"] : raw["raw"] };
  if (typeof raw !== "string")
    throw configError(
      where.file,
      where.line(["prompts", i]),
      `prompts[${i}] is not a string`,
      "write the prompt text or file://prompt.txt",
    );
  if (!raw.startsWith("file://")) return { raw, label: raw };
  const path = resolve(base, raw.slice(7));
  try {
    return { raw: readFileSync(path, "utf8"), label: raw };
  } catch {
    throw configError(
      where.file,
      where.line(["prompts", i]),
      `prompt file ${path} not found`,
      "check the file:// path (relative to the config file)",
    );
  }
}

/** What the loader is given besides the file. */
export interface LoadEvalConfigOptions {
  /** Raw tests of the datasets `tests: genchi://datasets/NAME` names, by name (fetched beforehand). */
  datasets?: ReadonlyMap<string, readonly unknown[]>;
}

function collectTests(
  raw: unknown,
  base: string,
  where: Where,
  defaults: Rec,
  options: LoadEvalConfigOptions = {},
): TestCase[] {
  const entries = Array.isArray(raw)
    ? raw.map((r, i) => ({ r, i }))
    : raw === undefined
      ? []
      : [{ r: raw, i: -1 }];
  const tests: TestCase[] = [];
  for (const { r, i } of entries) {
    const at = i < 0 ? ["tests"] : ["tests", i];
    if (typeof r === "string" && r.startsWith("genchi://")) {
      const name = /^genchi:\/\/datasets\/(.+)$/.exec(r)?.[1];
      const items = name === undefined ? undefined : options.datasets?.get(name);
      if (!items)
        throw configError(
          where.file,
          where.line(at),
          name === undefined ? `"${r}" is not genchi://datasets/NAME` : `tests from ${r} were not fetched`,
          "write genchi://datasets/NAME and set GENCHI_URL and GENCHI_KEY",
        );
      const datasetWhere: Where = { file: r, line: () => undefined };
      for (const t of items) tests.push(parseTest(t, [], datasetWhere, defaults));
    } else if (typeof r === "string") {
      if (!r.startsWith("file://"))
        throw configError(
          where.file,
          where.line(at),
          `test "${r}" is not file://…`,
          "write a test mapping or file://tests.jsonl",
        );
      const path = resolve(base, r.slice(7));
      const fileWhere: Where = { file: path, line: () => undefined };
      for (const { line, raw: t } of loadTestFile(path)) {
        const lineWhere: Where = { file: path, line: () => (line > 0 ? line : undefined) };
        tests.push(parseTest(t, [], line > 0 ? lineWhere : fileWhere, defaults));
      }
    } else tests.push(parseTest(r, at, where, defaults));
  }
  return tests;
}

/**
 * Loads and validates an eval config file.
 *
 * @example const suite = loadEvalConfig("evals/categorize.yaml"); suite.tests.length
 */
export function loadEvalConfig(file: string, options: LoadEvalConfigOptions = {}): EvalSuite {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw configError(file, undefined, "config file not found", "pass the path of an eval YAML file");
  }
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  const first = doc.errors[0];
  if (first) {
    const line = counter.linePos(first.pos[0]).line;
    throw configError(
      file,
      line,
      `YAML syntax error: ${first.message.split("\n")[0]}`,
      "fix the indentation or quoting on that line",
    );
  }
  const where: Where = { file, line: (path) => lineOf(doc.getIn(path, true), counter) };
  const root = doc.toJS() as unknown;
  if (!isRec(root))
    throw configError(
      file,
      1,
      "the config is not a mapping",
      "start with `prompts:`, `providers:` and `tests:`",
    );
  const base = dirname(resolve(file));
  const promptsRaw = root["prompts"] ?? ["{{prompt}}"];
  const prompts = (Array.isArray(promptsRaw) ? promptsRaw : [promptsRaw]).map((p, i) =>
    readPrompt(p, i, base, where),
  );
  const providersRaw = root["providers"];
  if (providersRaw === undefined)
    throw configError(file, undefined, "no providers", "add `providers: [openai:chat:gpt-4o-mini]`");
  const providers = (Array.isArray(providersRaw) ? providersRaw : [providersRaw]).map((p, i) =>
    parseProvider(p, i, where),
  );
  for (const [i, p] of providers.entries()) {
    if (!/^(openai:(chat:)?|anthropic:(messages:)?|genchi:)/.test(p.id)) {
      throw configError(
        file,
        where.line(["providers", i]),
        `unknown provider "${p.id}"`,
        "use openai:chat:MODEL, anthropic:messages:MODEL or genchi:MODEL",
      );
    }
  }
  const defaults = isRec(root["defaultTest"]) ? root["defaultTest"] : {};
  const tests = collectTests(root["tests"], base, where, defaults, options);
  if (tests.length === 0)
    throw configError(file, where.line(["tests"]), "no tests", "add `tests:` with at least one test");
  const opts = isRec(root["evaluateOptions"]) ? root["evaluateOptions"] : {};
  const repeat = opts["repeat"] ?? 1;
  if (typeof repeat !== "number" || !Number.isInteger(repeat) || repeat < 1) {
    throw configError(
      file,
      where.line(["evaluateOptions", "repeat"]),
      "evaluateOptions.repeat must be a whole number ≥ 1",
      "write e.g. `repeat: 3`",
    );
  }
  const mc = opts["maxConcurrency"];
  if (mc !== undefined && (typeof mc !== "number" || mc < 1)) {
    throw configError(
      file,
      where.line(["evaluateOptions", "maxConcurrency"]),
      "maxConcurrency must be a number ≥ 1",
      "write e.g. `maxConcurrency: 8`",
    );
  }
  return {
    description: typeof root["description"] === "string" ? root["description"] : "",
    path: file,
    prompts,
    providers,
    tests,
    maxConcurrency: mc,
    repeat,
  };
}
