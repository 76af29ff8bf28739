/**
 * The shape of genchi's eval YAML as zod schemas with closed objects: an unknown key is an
 * error that names the nearest valid key, and each promptfoo key genchi does not implement
 * is listed as unsupported (an error saying so) rather than silently ignored. Harmless
 * promptfoo keys (`metadata`, `tags`, `sharing`, …) are accepted on purpose.
 */
import { levenshteinDistance } from "@genchi/core/eval";
import { z } from "zod";

type Issue = z.ZodError["issues"][number];

/** The unsupported keys' schemas: left out of the "did you mean" candidates. */
const unsupportedKeys = new WeakSet<z.ZodType>();

/** A key promptfoo reads that genchi does not implement: present, it is a config error. */
function unsupported(hint: string) {
  const schema = z
    .unknown()
    .superRefine((_, ctx) => {
      ctx.addIssue({ code: "custom", message: hint, params: { kind: "unsupported" } });
    })
    .optional();
  unsupportedKeys.add(schema);
  return schema;
}

/** A closed object: any key outside `shape` is an error that names the nearest valid key. */
function closed<T extends Record<string, z.ZodType>>(shape: T) {
  const known = Object.keys(shape).filter((k) => !unsupportedKeys.has(shape[k]!));
  return z.object(shape).catchall(
    z.unknown().superRefine((_, ctx) => {
      ctx.addIssue({ code: "custom", message: "unknown key", params: { kind: "unknown-key", known } });
    }),
  );
}

const record = z.record(z.string(), z.unknown());

/** A transform: inline JavaScript (promptfoo's file:// and Python transforms are refused). */
const inlineCode = () =>
  z.string().refine((code) => !code.startsWith("file://"), {
    message: "genchi runs inline JavaScript transforms only, not file:// ones; write the expression inline",
  });

export const assertionSchema = closed({
  /** Checked by the loader (a missing type and an unknown one have their own messages). */
  type: z.unknown().optional(),
  value: z.unknown().optional(),
  threshold: z.number().optional(),
  weight: z.number().optional(),
  metric: z.string().optional(),
  /** The judge or embedding provider of this assertion. */
  provider: z.unknown().optional(),
  transform: inlineCode().optional(),
  config: unsupported("genchi's assertions take no `config`"),
  rubricPrompt: unsupported("genchi's llm-rubric uses its own judge prompt; put the criteria in `value`"),
  contextTransform: unsupported("genchi has no context assertions"),
});

const testOptionsShape = {
  repeat: z.number().int().min(1).optional(),
  /** The judge / embedding provider of the test's assertions. */
  provider: z.unknown().optional(),
  prefix: z.string().optional(),
  suffix: z.string().optional(),
  disableVarExpansion: z.boolean().optional(),
  disableDefaultAsserts: z.boolean().optional(),
  /** No effect on verdicts: genchi keeps no conversation between tests. */
  disableConversationVar: z.boolean().optional(),
  /** No effect on verdicts (genchi's tests do not share state). */
  runSerially: z.boolean().optional(),
  transform: inlineCode().optional(),
  postprocess: inlineCode().optional(),
  transformVars: unsupported("write the vars out in the test"),
  storeOutputAs: unsupported("genchi's tests do not pass outputs to each other"),
  rubricPrompt: unsupported("genchi's llm-rubric uses its own judge prompt; put the criteria in `value`"),
  factuality: unsupported("genchi has no factuality assertion"),
};

const testShape = {
  description: z.string().optional(),
  vars: record.optional(),
  assert: z.array(assertionSchema).optional(),
  options: closed(testOptionsShape).optional(),
  threshold: z.number().optional(),
  /** Kept with the test; no effect on verdicts. */
  metadata: record.optional(),
  provider: unsupported("a test runs on every provider of the suite; put the provider in `providers`"),
  providers: unsupported("a test runs on every provider of the suite"),
  prompts: unsupported("a test runs with every prompt of the suite"),
  providerOutput: unsupported("genchi grades what the providers answer"),
  assertScoringFunction: unsupported("genchi scores a test by its assertions' weighted mean"),
  path: unsupported("genchi has no test generators; write the tests out or use file://tests.jsonl"),
  config: unsupported("genchi has no test generators; write the tests out or use file://tests.jsonl"),
};

export const testSchema = closed(testShape);

const { description: _description, ...defaultTestShape } = testShape;
export const defaultTestSchema = closed(defaultTestShape);

export const providerSchema = closed({
  id: z.string(),
  label: z.string().optional(),
  config: record.optional(),
  prompts: unsupported("every provider runs every prompt"),
  transform: unsupported("transform the output in a javascript assertion instead"),
  delay: unsupported("use --max-concurrency to slow a run down"),
  env: unsupported("set the variables in the environment or in the top-level `env`"),
  inputs: unsupported("genchi's providers take the rendered prompt"),
});

export const promptSchema = closed({
  raw: z.string().optional(),
  id: z.string().optional(),
  label: z.string().optional(),
  config: unsupported("put provider settings in the provider's `config`"),
  function: unsupported("genchi's prompts are text or file:// templates"),
});

const evaluateOptionsSchema = closed({
  maxConcurrency: z.number().int().min(1).optional(),
  repeat: z.number().int().min(1).optional(),
  cache: z.boolean().optional(),
  showProgressBar: z.boolean().optional(),
  delay: unsupported("use --max-concurrency to slow a run down"),
  timeoutMs: unsupported("genchi gives each upstream request 300 s"),
  maxEvalTimeMs: unsupported("stop the run with Ctrl-C and continue it with --resume"),
  generateSuggestions: unsupported("genchi does not suggest prompts"),
  suggestionsCount: unsupported("genchi does not suggest prompts"),
  interactiveProviders: unsupported("genchi's providers are not interactive"),
  isRedteam: unsupported("genchi has no red teaming"),
  silent: unsupported("redirect the output instead"),
  filterRange: unsupported("genchi runs every test of the suite"),
});

export const rootSchema = closed({
  description: z.string().optional(),
  prompts: z.unknown().optional(),
  providers: z.unknown().optional(),
  targets: z.unknown().optional(),
  tests: z.unknown().optional(),
  defaultTest: z.unknown().optional(),
  evaluateOptions: evaluateOptionsSchema.optional(),
  env: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  outputPath: z.union([z.string(), z.array(z.string())]).optional(),
  /** Kept with the suite; no effect on verdicts. */
  metadata: record.optional(),
  tags: z.record(z.string(), z.string()).optional(),
  /** genchi never shares results with promptfoo's cloud, with or without this. */
  sharing: z.unknown().optional(),
  /** promptfoo's own database; no effect on genchi. */
  writeLatestResults: z.boolean().optional(),
  scenarios: unsupported("write the combinations out as tests"),
  nunjucksFilters: unsupported("genchi's templates have no custom filters"),
  extensions: unsupported("genchi runs no extension hooks"),
  derivedMetrics: unsupported("compute derived metrics from --output"),
  redteam: unsupported("genchi has no red teaming"),
  tracing: unsupported("send traces to genchi's OTLP endpoint instead"),
  commandLineOptions: unsupported("pass the options on the command line"),
  providerPromptMap: unsupported("every provider runs every prompt"),
});

/**
 * The valid key nearest to a misspelled one, if any is close.
 *
 * @example nearest("asert", ["vars", "assert"]) // → "assert"
 */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = levenshteinDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** Where a value sits, for messages: `tests[2].assert[0]`. */
export function placeOf(base: string, path: readonly PropertyKey[]): string {
  let out = base;
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out === "" ? String(p) : `.${String(p)}`;
  return out;
}

const loc = (place: string) => (place === "" ? "at the top level" : `in ${place}`);

const article = (expected: string) =>
  ({
    number: "a number",
    string: "a string",
    boolean: "true or false",
    array: "a list",
    object: "a mapping",
    record: "a mapping",
    int: "a whole number",
  })[expected] ?? expected;

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const p of path)
    v = typeof v === "object" && v !== null ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

/**
 * One zod issue as a sentence naming the key and its place.
 *
 * @example issueMessage(issue, "tests[2]", test) // → "unknown key 'asert' in tests[2]; did you mean 'assert'?"
 */
export function issueMessage(issue: Issue, base: string, value: unknown): string {
  const path = issue.path;
  const key = path[path.length - 1];
  const parent = placeOf(base, path.slice(0, -1));
  const params = (issue as { params?: { kind?: string; known?: string[] } }).params;
  if (issue.code === "custom" && params?.kind === "unknown-key") {
    const near = nearest(String(key), params.known ?? []);
    return near !== undefined
      ? `unknown key '${String(key)}' ${loc(parent)}; did you mean '${near}'?`
      : `unknown key '${String(key)}' ${loc(parent)}; valid keys: ${(params.known ?? []).join(", ")}`;
  }
  if (issue.code === "custom" && params?.kind === "unsupported")
    return `'${String(key)}' ${loc(parent)}: genchi doesn't support it (a promptfoo key); ${issue.message}`;
  const got = valueAt(value, path);
  const shown = got === undefined ? "nothing" : JSON.stringify(got);
  if (key === undefined) return `${loc(base)}: ${issue.message}`;
  if (typeof key === "number" && issue.code === "invalid_type")
    return `${placeOf(base, path)} must be ${article(issue.expected)}, got ${shown}`;
  if (issue.code === "invalid_type")
    return `'${String(key)}' ${loc(parent)} must be ${article(issue.expected)}, got ${shown}`;
  if (issue.code === "too_small")
    return `'${String(key)}' ${loc(parent)} must be ≥ ${String(issue.minimum)}, got ${shown}`;
  return `'${String(key)}' ${loc(parent)}: ${issue.message}`;
}
