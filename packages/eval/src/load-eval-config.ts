/**
 * Reads genchi's eval YAML (the promptfoo subset of CONTRACT.md): prompts (strings, file://),
 * providers, tests (inline or file:// JSONL/CSV/YAML), defaultTest and evaluateOptions. The
 * whole config is checked against closed schemas (eval-config-schema.ts) before anything
 * runs; every error names the file, the line, the place and the fix.
 */
import { readFileSync } from "node:fs";
import { dirname, extname, resolve } from "node:path";
import { type AssertionSpec, splitInversion } from "@genchi/core/eval";
import { isMap, isScalar, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { configError, configProblem, lineOf } from "./eval-config-error.js";
import {
  defaultTestSchema,
  issueMessage,
  nearest,
  placeOf,
  promptSchema,
  providerSchema,
  rootSchema,
  testSchema,
} from "./eval-config-schema.js";
import type { EvalSuite, ProviderSpec, TestCase, TestOptions } from "./eval-suite.js";
import { loadPrompts } from "./load-prompts.js";
import { loadTestFile } from "./load-test-file.js";

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === "object" && v !== null && !Array.isArray(v);

interface Where {
  file: string;
  /** The line of the value at `path` (of its key, when the path ends in a key). */
  line: (path: (string | number)[]) => number | undefined;
}

/** The assertion types a run can grade (a registry), to refuse unknown ones before any call. */
export interface AssertionTypes {
  has(name: string): boolean;
  names(): string[];
}

/** What the loader is given besides the file. */
export interface LoadEvalConfigOptions {
  /** Raw tests of the datasets `tests: genchi://datasets/NAME` names, by name (fetched beforehand). */
  datasets?: ReadonlyMap<string, readonly unknown[]>;
  /** When given, an assertion type outside it is a config error. */
  assertionTypes?: AssertionTypes;
}

/** promptfoo's assertion types (0.121): one genchi lacks is refused as unsupported, not as a typo. */
const promptfooTypes = new Set(
  "agent-rubric answer-relevance bleu classifier contains contains-all contains-any contains-html contains-json contains-sql contains-xml context-faithfulness context-recall context-relevance conversation-relevance cost equals factuality finish-reason g-eval gleu guardrails icontains icontains-all icontains-any is-html is-json is-refusal is-sql is-valid-function-call is-valid-openai-function-call is-valid-openai-tools-call is-xml javascript latency levenshtein llm-rubric pi meteor model-graded-closedqa model-graded-factuality moderation perplexity perplexity-score python regex rouge-n ruby similar similar:cosine similar:dot similar:euclidean starts-with tool-call-f1 skill-used trajectory:goal-success trajectory:tool-args-match trajectory:step-count trajectory:tool-sequence trajectory:tool-used trace-error-spans trace-span-count trace-span-duration search-rubric webhook word-count select-best human max-score assert-set".split(
    " ",
  ),
);

/** Everything parsing a test needs. */
interface Ctx {
  where: Where;
  defaults: Rec;
  types: AssertionTypes | undefined;
}

/** Validates `value` against `schema`; the issue that comes first in the file is thrown. */
function check(
  schema: z.ZodType,
  value: unknown,
  at: (string | number)[],
  place: string,
  where: Where,
): void {
  const result = schema.safeParse(value);
  if (result.success) return;
  let first: { line: number | undefined; message: string } | undefined;
  for (const issue of result.error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    let line: number | undefined;
    for (let n = path.length; line === undefined && n >= 0; n--)
      line = where.line([...at, ...path.slice(0, n)]);
    if (first === undefined || (line !== undefined && (first.line === undefined || line < first.line)))
      first = { line, message: issueMessage(issue, place, value) };
  }
  if (first) throw configProblem(where.file, first.line, first.message);
}

function checkType(type: string, at: (string | number)[], place: string, ctx: Ctx): void {
  const types = ctx.types;
  if (types === undefined) return;
  const { base, inverse } = splitInversion(type);
  if (types.has(type) || (inverse && types.has(base))) return;
  const line = ctx.where.line([...at, "type"]);
  const known = types.names();
  if (promptfooTypes.has(base))
    throw configProblem(
      ctx.where.file,
      line,
      `assertion type '${type}' in ${place}: genchi doesn't support promptfoo's assertion type '${base}'; genchi has ${known.join(", ")}`,
    );
  const near = nearest(type, inverse ? known.map((k) => `not-${k}`) : known);
  throw configProblem(
    ctx.where.file,
    line,
    near !== undefined
      ? `unknown assertion type '${type}' in ${place}; did you mean '${near}'?`
      : `unknown assertion type '${type}' in ${place}; genchi has ${known.join(", ")}`,
  );
}

function parseProvider(raw: unknown, i: number, where: Where): ProviderSpec {
  if (typeof raw === "string") return { id: raw, label: raw, config: {} };
  const at = ["providers", i];
  // promptfoo's map form: `- openai:chat:gpt-4o: { config: … }`
  if (isRec(raw) && !("id" in raw) && Object.keys(raw).length === 1) {
    const [id, options] = Object.entries(raw)[0]!;
    if (isRec(options) || options === null) return parseProvider({ id, ...options }, i, where);
  }
  if (!isRec(raw) || typeof raw["id"] !== "string") {
    throw configError(
      where.file,
      where.line(at),
      `providers[${i}] has no id`,
      'write `- id: "openai:chat:gpt-4o-mini"`',
    );
  }
  check(providerSchema, raw, at, `providers[${i}]`, where);
  const id = raw["id"];
  if (!/^(openai:(chat:)?|anthropic:(messages:)?|genchi:)/.test(id)) {
    throw configError(
      where.file,
      where.line(at),
      `unknown provider "${id}"`,
      "use openai:chat:MODEL, anthropic:messages:MODEL or genchi:MODEL",
    );
  }
  const config = (isRec(raw["config"]) ? raw["config"] : {}) as ProviderSpec["config"];
  if (id.startsWith("anthropic:")) {
    const allowed = ["apiBaseUrl", "apiKey", "max_tokens", "temperature"];
    const other = Object.keys(config).find((k) => !allowed.includes(k));
    if (other !== undefined)
      throw configProblem(
        where.file,
        where.line([...at, "config", other]),
        `'${other}' in providers[${i}].config: genchi's anthropic provider doesn't support it; it reads ${allowed.join(", ")}`,
      );
  }
  return { id, label: typeof raw["label"] === "string" ? raw["label"] : id, config };
}

function parseAssertions(raw: unknown, at: (string | number)[], place: string, ctx: Ctx): AssertionSpec[] {
  if (raw === undefined || raw === null) return [];
  const { where } = ctx;
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
    const here = `${place}.assert[${j}]`;
    checkType(a["type"], [...at, j], here, ctx);
    const spec: AssertionSpec = { type: a["type"] };
    if ("value" in a) spec.value = a["value"];
    if (typeof a["threshold"] === "number") spec.threshold = a["threshold"];
    if (typeof a["weight"] === "number") spec.weight = a["weight"];
    if (typeof a["metric"] === "string") spec.metric = a["metric"];
    if (a["provider"] !== undefined) spec.provider = a["provider"];
    if (typeof a["transform"] === "string") spec.transform = a["transform"];
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

function defaultAsserts(ctx: Ctx): AssertionSpec[] {
  let hit = sharedAsserts.get(ctx.defaults);
  if (!hit) {
    hit = parseAssertions(ctx.defaults["assert"], ["defaultTest", "assert"], "defaultTest", ctx);
    sharedAsserts.set(ctx.defaults, hit);
  }
  return hit;
}

/**
 * promptfoo's var expansion: a var holding a list of strings runs the test once per string
 * (every combination when several do), unless `options.disableVarExpansion`.
 */
function expandVars(vars: Rec, disabled: boolean): Rec[] {
  if (disabled) return [vars];
  let lists = false;
  for (const key in vars) {
    const value = vars[key];
    if (Array.isArray(value) && typeof value[0] === "string") lists = true;
  }
  if (!lists) return [vars];
  let combinations: Rec[] = [{}];
  for (const [key, value] of Object.entries(vars)) {
    const values = Array.isArray(value) && typeof value[0] === "string" ? value : [value];
    combinations = combinations.flatMap((c) => values.map((v) => ({ ...c, [key]: v })));
  }
  return combinations;
}

function parseTest(raw: unknown, at: (string | number)[], place: string, ctx: Ctx): TestCase[] {
  const { where, defaults } = ctx;
  if (!isRec(raw))
    throw configError(
      where.file,
      where.line(at),
      "a test must be a mapping",
      "write `- vars: {…}` with `assert:`",
    );
  check(testSchema, raw, at, place, where);
  const vars = {
    ...(isRec(defaults["vars"]) ? defaults["vars"] : {}),
    ...(isRec(raw["vars"]) ? raw["vars"] : {}),
  };
  for (const name in vars) {
    const value = vars[name];
    if (typeof value === "string" && value.startsWith("file://"))
      throw configProblem(
        where.file,
        where.line([...at, "vars", name]),
        `var '${name}' in ${place} is ${value}: genchi doesn't load file:// vars (promptfoo does); write the text in the var`,
      );
  }
  let options = defaultOptions(defaults);
  if (isRec(raw["options"])) {
    const own = raw["options"] as TestOptions;
    // promptfoo: an empty prefix or suffix falls back to defaultTest's
    options = {
      ...options,
      ...own,
      prefix: own.prefix || options.prefix,
      suffix: own.suffix || options.suffix,
    };
  }
  const shared = options.disableDefaultAsserts === true ? [] : defaultAsserts(ctx);
  const own = parseAssertions(raw["assert"], [...at, "assert"], place, ctx);
  const assert = own.length === 0 ? shared : [...shared, ...own];
  const threshold = typeof raw["threshold"] === "number" ? raw["threshold"] : undefined;
  const description = typeof raw["description"] === "string" ? raw["description"] : undefined;
  return expandVars(vars, options.disableVarExpansion === true).map((v) => ({
    description,
    vars: v,
    assert,
    options,
    threshold,
  }));
}

function collectTests(raw: unknown, base: string, ctx: Ctx, options: LoadEvalConfigOptions): TestCase[] {
  const { where } = ctx;
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
      const datasetCtx: Ctx = { ...ctx, where: { file: r, line: () => undefined } };
      for (const [k, t] of items.entries()) tests.push(...parseTest(t, [], `item ${k + 1}`, datasetCtx));
    } else if (typeof r === "string") {
      if (!r.startsWith("file://"))
        throw configError(
          where.file,
          where.line(at),
          `test "${r}" is not file://…`,
          "write a test mapping or file://tests.jsonl",
        );
      const path = resolve(base, r.slice(7));
      for (const [k, { line, raw: t }] of loadTestFile(path).entries()) {
        const fileCtx: Ctx = { ...ctx, where: { file: path, line: () => (line > 0 ? line : undefined) } };
        tests.push(...parseTest(t, [], line > 0 ? "the test" : `test ${k + 1}`, fileCtx));
      }
    } else tests.push(...parseTest(r, at, placeOf("", at), ctx));
  }
  return tests;
}

/** A `Where` over a parsed YAML document: a path ending in a key gives the key's line. */
function documentWhere(file: string, doc: ReturnType<typeof parseDocument>, counter: LineCounter): Where {
  return {
    file,
    line: (path) => {
      const last = path[path.length - 1];
      if (typeof last === "string") {
        const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
        if (isMap(parent)) {
          const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
          if (pair) return lineOf(pair.key, counter);
        }
      }
      return lineOf(path.length === 0 ? doc.contents : doc.getIn(path, true), counter);
    },
  };
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
  const where = documentWhere(file, doc, counter);
  const root = doc.toJS() as unknown;
  if (!isRec(root))
    throw configError(
      file,
      1,
      "the config is not a mapping",
      "start with `prompts:`, `providers:` and `tests:`",
    );
  check(rootSchema, root, [], "", where);
  const base = dirname(resolve(file));
  for (const [i, p] of (Array.isArray(root["prompts"]) ? root["prompts"] : []).entries())
    if (isRec(p)) check(promptSchema, p, ["prompts", i], `prompts[${i}]`, where);
  const prompts = loadPrompts(root["prompts"], base, where);
  if (root["providers"] !== undefined && root["targets"] !== undefined)
    throw configProblem(file, where.line(["targets"]), "write either `providers:` or `targets:`, not both");
  const providersKey = root["targets"] !== undefined ? "targets" : "providers";
  const providersRaw = root[providersKey];
  if (providersRaw === undefined)
    throw configError(file, undefined, "no providers", "add `providers: [openai:chat:gpt-4o-mini]`");
  const providerWhere: Where = { file, line: (path) => where.line([providersKey, ...path.slice(1)]) };
  const providers = (Array.isArray(providersRaw) ? providersRaw : [providersRaw]).map((p, i) =>
    parseProvider(p, i, providerWhere),
  );
  if (typeof root["defaultTest"] === "string")
    throw configProblem(
      file,
      where.line(["defaultTest"]),
      "'defaultTest' is a file: genchi doesn't support a file:// defaultTest; write it in the config",
    );
  const defaults = isRec(root["defaultTest"]) ? root["defaultTest"] : {};
  check(defaultTestSchema, defaults, ["defaultTest"], "defaultTest", where);
  const ctx: Ctx = { where, defaults, types: options.assertionTypes };
  const tests = collectTests(root["tests"], base, ctx, options);
  if (tests.length === 0)
    throw configError(file, where.line(["tests"]), "no tests", "add `tests:` with at least one test");
  const opts = isRec(root["evaluateOptions"]) ? root["evaluateOptions"] : {};
  const outputs = root["outputPath"] === undefined ? [] : [root["outputPath"]].flat().map(String);
  const notJson = outputs.find((o) => extname(o).toLowerCase() !== ".json");
  if (notJson !== undefined)
    throw configProblem(
      file,
      where.line(["outputPath"]),
      `outputPath ${notJson}: genchi writes outputPath only as its results JSON (.json); use --junit FILE.xml for JUnit`,
    );
  const env = isRec(root["env"])
    ? Object.fromEntries(Object.entries(root["env"]).map(([k, v]) => [k, String(v)]))
    : {};
  return {
    description: typeof root["description"] === "string" ? root["description"] : "",
    path: file,
    prompts,
    providers,
    tests,
    maxConcurrency: typeof opts["maxConcurrency"] === "number" ? opts["maxConcurrency"] : undefined,
    repeat: typeof opts["repeat"] === "number" ? opts["repeat"] : 1,
    cache: typeof opts["cache"] === "boolean" ? opts["cache"] : undefined,
    showProgressBar: typeof opts["showProgressBar"] === "boolean" ? opts["showProgressBar"] : undefined,
    outputPaths: outputs,
    env,
  };
}
