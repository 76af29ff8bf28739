/**
 * Runs a test's assertions on one output and combines them the way promptfoo does: the test
 * passes when every assertion passes; its score is the weighted mean; `metric` names collect
 * scores; `not-` inverts a verdict (an error stays a failure).
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

/** Base context for a test's assertions; `value`/`threshold` are filled per assertion. */
export type TestContext = Omit<AssertionContext, "value" | "threshold" | "assertionProvider">;

async function runOne(
  output: string,
  spec: AssertionSpec,
  ctx: TestContext,
  registry: AssertionRegistry,
): Promise<AssertionVerdict> {
  const { base, inverse } = splitInversion(spec.type);
  const fn = registry.get(base) ?? registry.get(spec.type);
  if (!fn)
    return errorVerdict(`unknown assertion type "${spec.type}"; known: ${registry.names().join(", ")}`);
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
