/**
 * Runs a test's assertions on one output and combines them the way promptfoo does: the test
 * passes when every assertion passes; its score is the weighted mean; `metric` names collect
 * scores; `not-` inverts a verdict (an error stays a failure); an assertion's `transform`
 * reshapes the output for that assertion alone.
 */
import type { AssertionContext, AssertionSpec, AssertionVerdict } from "./assertion.js";
import { errorVerdict } from "./assertion.js";
import { type AssertionRegistry, splitInversion } from "./assertion-registry.js";

export interface AssertionOutcomeData {
  type: string;
  pass: boolean;
  score: number;
  reason: string;
  error: string | null;
  metric?: string;
}

export interface GradingResult {
  pass: boolean;
  score: number;
  reason: string;
  /** The first assertion error, if any: the test is then counted as an error. */
  error: string | null;
  assertions: AssertionOutcomeData[];
  namedScores: Record<string, number>;
}

/**
 * Runs a transform's code on an output given as JSON; resolves with the result as JSON, or
 * the error it threw. The runner supplies it (core runs no code).
 */
export type OutputTransform = (
  code: string,
  outputJson: string,
  ctx: { vars: Readonly<Record<string, unknown>>; prompt: string; provider: string },
) => Promise<{ value: string } | { error: string }>;

/** Base context for a test's assertions; `value`/`threshold` are filled per assertion. */
export type TestContext = Omit<AssertionContext, "value" | "threshold" | "assertionProvider"> & {
  /** Runs assertion-level `transform`s; without it such an assertion is an error. */
  transform?: OutputTransform;
};

/**
 * A transform's result as what assertions see: a string stays the output; anything else
 * becomes its JSON text, with the value itself for code assertions. null is an error.
 *
 * @example transformedOutput('{"len":3}') // → { output: '{"len":3}', outputJson: '{"len":3}' }
 */
export function transformedOutput(
  resultJson: string,
): { output: string; outputJson: string | undefined } | { error: string } {
  const value = JSON.parse(resultJson) as unknown;
  if (value === null) return { error: "the transform returned no value" };
  return typeof value === "string"
    ? { output: value, outputJson: undefined }
    : { output: resultJson, outputJson: resultJson };
}

async function runOne(
  output: string,
  spec: AssertionSpec,
  testCtx: TestContext,
  registry: AssertionRegistry,
): Promise<AssertionVerdict> {
  const { base, inverse } = splitInversion(spec.type);
  const fn = registry.get(base) ?? registry.get(spec.type);
  if (!fn)
    return errorVerdict(`unknown assertion type "${spec.type}"; known: ${registry.names().join(", ")}`);
  const { transform, ...ctx } = testCtx;
  if (spec.transform !== undefined) {
    if (transform === undefined) return errorVerdict("transform needs a JavaScript runner; none was given");
    const t = await transform(spec.transform, ctx.outputJson ?? JSON.stringify(output), ctx);
    const shaped = "error" in t ? t : transformedOutput(t.value);
    if ("error" in shaped) return errorVerdict(`transform failed: ${shaped.error}`);
    output = shaped.output;
    ctx.outputJson = shaped.outputJson;
  }
  let v: AssertionVerdict;
  try {
    const own = spec.provider !== undefined ? { assertionProvider: spec.provider } : {};
    v = await fn(output, { ...ctx, ...own, value: spec.value, threshold: spec.threshold });
  } catch (error) {
    return errorVerdict(`${spec.type} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (v.error !== undefined || !inverse || registry.get(spec.type) === fn) return v;
  const pass = !v.pass;
  return { pass, score: pass ? 1 : 0, reason: pass ? "Assertion passed" : `Expected NOT: ${v.reason}` };
}

/**
 * Grades one output against a test's assertions.
 *
 * @example await evaluateAssertions("Paris", [{ type: "contains", value: "Par" }], ctx, coreAssertions())
 */
export async function evaluateAssertions(
  output: string,
  specs: readonly AssertionSpec[],
  ctx: TestContext,
  registry: AssertionRegistry,
): Promise<GradingResult> {
  const assertions: AssertionOutcomeData[] = [];
  const namedScores: Record<string, number> = {};
  let weighted = 0;
  let totalWeight = 0;
  let pass = true;
  let error: string | null = null;
  let reason = "All assertions passed";
  const verdicts = await Promise.all(specs.map((spec) => runOne(output, spec, ctx, registry)));
  specs.forEach((spec, i) => {
    const v = verdicts[i]!;
    const weight = spec.weight ?? 1;
    weighted += v.score * weight;
    totalWeight += weight;
    if (!v.pass && pass) reason = v.reason;
    if (!v.pass) pass = false;
    if (v.error !== undefined && error === null) error = v.error;
    if (spec.metric !== undefined) namedScores[spec.metric] = (namedScores[spec.metric] ?? 0) + v.score;
    assertions.push({
      type: spec.type,
      pass: v.pass,
      score: v.score,
      reason: v.reason,
      error: v.error ?? null,
      ...(spec.metric !== undefined ? { metric: spec.metric } : {}),
    });
  });
  const score = totalWeight > 0 ? weighted / totalWeight : pass ? 1 : 0;
  return { pass, score, reason, error, assertions, namedScores };
}
