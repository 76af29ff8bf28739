/**
 * A route's eval suite run on both sides of its shadow pairs. The suite is a genchi/promptfoo
 * eval YAML read once by the eval loader (reloaded when the file changes); the assertions that
 * run are the ones every test shares — `defaultTest.assert`, or an assertion written the same
 * way in every test — since a shadow pair has no test vars to pick a test by. `llm-rubric` and
 * `similar` run only when the suite names their provider (on the assertion or in
 * `defaultTest.options.provider`): genchi never calls a judge nobody configured. A candidate that
 * errored fails every assertion (the user would have got nothing).
 */
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { callText } from "@genchi/core";
import {
  type AssertionRegistry,
  type AssertionSpec,
  evaluateAssertions,
  splitInversion,
} from "@genchi/core/eval";
import { createHttpClient, evalAssertions, loadEvalConfig } from "@genchi/eval";
import type { Call, ShadowAssertionSummary, ShadowPair, ShadowSuiteReport } from "@genchi/spec";

/** The part of a suite that runs on shadow pairs. */
export interface ShadowSuite {
  path: string;
  description: string;
  assertions: AssertionSpec[];
  /** Per assertion: why it is skipped, or null. */
  skipped: (string | null)[];
  /** The judge / embeddings provider every test shares (`defaultTest.options.provider`). */
  testOptions: Record<string, unknown>;
  /** Identity of the loaded file version (path + mtime), for the verdict cache. */
  version: string;
}

const judged = new Set(["llm-rubric", "similar", "model-graded-closedqa", "factuality", "answer-relevance"]);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The assertions shared by every test of a loaded suite, in the first test's order.
 *
 * @example sharedAssertions([{ assert: [isJson, contains] }, { assert: [isJson] }]) // → [isJson]
 */
export function sharedAssertions(tests: readonly { assert: readonly AssertionSpec[] }[]): AssertionSpec[] {
  const [first, ...rest] = tests;
  if (!first) return [];
  const out: AssertionSpec[] = [];
  for (const spec of first.assert) {
    if (out.some((o) => same(o, spec))) continue;
    if (rest.every((t) => t.assert.some((a) => same(a, spec)))) out.push(spec);
  }
  return out;
}

const loaded = new Map<string, ShadowSuite>();

/**
 * Loads a suite for shadow pairs (cached per file version). Throws the loader's GenchiError on a bad file.
 *
 * @example const suite = loadShadowSuite("./evals/categorize.yaml"); suite.assertions.length
 */
export function loadShadowSuite(path: string, cwd = process.cwd()): ShadowSuite {
  const file = resolve(cwd, path);
  let mtime = 0;
  try {
    mtime = statSync(file).mtimeMs;
  } catch {
    // loadEvalConfig reports the missing file with its own message
  }
  const version = `${file}\u0000${mtime}`;
  const hit = loaded.get(file);
  if (hit && hit.version === version) return hit;
  const suite = loadEvalConfig(file);
  const assertions = sharedAssertions(suite.tests);
  const providers = suite.tests.map((t) => t.options.provider);
  const sharedProvider = providers.every((p) => same(p, providers[0])) ? providers[0] : undefined;
  const testOptions: Record<string, unknown> =
    sharedProvider === undefined ? {} : { provider: sharedProvider };
  const skipped = assertions.map((a) =>
    judged.has(splitInversion(a.type).base) && a.provider === undefined && sharedProvider === undefined
      ? `${a.type} needs a judge: set \`provider\` on the assertion or defaultTest.options.provider`
      : null,
  );
  const out: ShadowSuite = {
    path: file,
    description: suite.description,
    assertions,
    skipped,
    testOptions,
    version,
  };
  loaded.set(file, out);
  return out;
}

/** A short label for an assertion: its type and value. */
export function assertionLabel(spec: AssertionSpec): string {
  if (spec.value === undefined) return spec.type;
  const value = typeof spec.value === "string" ? spec.value : JSON.stringify(spec.value);
  const oneLine = value.replace(/\s+/g, " ").trim();
  return `${spec.type}: ${oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine}`;
}

let sharedRegistry: AssertionRegistry | undefined;
const registry = () => {
  sharedRegistry ??= evalAssertions({ http: createHttpClient({ retries: 1 }) });
  return sharedRegistry;
};

/** Verdicts of calls already graded, per suite version and call id (calls never change). */
const verdicts = new Map<string, (boolean | null)[]>();
const verdictCap = 50_000;

async function grade(suite: ShadowSuite, call: Call, output: string | null): Promise<(boolean | null)[]> {
  const key = `${suite.version}\u0000${call.id}`;
  const hit = verdicts.get(key);
  if (hit) return hit;
  const runnable = suite.assertions.filter((_, i) => suite.skipped[i] === null);
  let passes: boolean[];
  if (output === null) passes = runnable.map(() => false);
  else {
    const grading = await evaluateAssertions(
      output,
      runnable,
      {
        vars: {},
        prompt: callText(call.input),
        latencyMs: call.latencyMs,
        costUsd: call.costUsd,
        provider: `gateway:${call.model ?? call.requestedModel ?? "unknown"}`,
        testOptions: suite.testOptions,
      },
      registry(),
    );
    passes = grading.assertions.map((a) => a.pass);
  }
  let j = 0;
  const out = suite.skipped.map((s) => (s === null ? (passes[j++] ?? false) : null));
  if (verdicts.size >= verdictCap) verdicts.delete(verdicts.keys().next().value as string);
  verdicts.set(key, out);
  return out;
}

/**
 * Runs the suite on both sides of every pair (at most `concurrency` pairs at once), sets each
 * pair's `suite` and returns the per-assertion summary with the pairs whose verdict flipped.
 *
 * @example const report = await runShadowSuite(suite, pairs, calls)
 */
export async function runShadowSuite(
  suite: ShadowSuite,
  pairs: ShadowPair[],
  calls: ReadonlyMap<string, Call>,
  concurrency = 8,
): Promise<ShadowSuiteReport> {
  let next = 0;
  const worker = async () => {
    while (next < pairs.length) {
      const pair = pairs[next++]!;
      const primary = calls.get(pair.primaryId);
      const shadow = calls.get(pair.shadowId);
      if (!primary || !shadow) continue;
      const [p, c] = await Promise.all([
        grade(suite, primary, pair.primaryOutput),
        grade(suite, shadow, pair.candidateError === null ? pair.candidateOutput : null),
      ]);
      pair.suite = { primary: p, candidate: c };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  const graded = pairs.filter((p) => p.suite !== undefined);
  const rate = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000);
  const assertions: ShadowAssertionSummary[] = suite.assertions.map((spec, index) => {
    const skipped = suite.skipped[index] ?? null;
    let primaryPassed = 0;
    let candidatePassed = 0;
    const flips: ShadowAssertionSummary["flips"] = [];
    if (skipped === null)
      for (const pair of graded) {
        const p = pair.suite!.primary[index] === true;
        const c = pair.suite!.candidate[index] === true;
        if (p) primaryPassed++;
        if (c) candidatePassed++;
        if (p !== c)
          flips.push({
            primaryId: pair.primaryId,
            shadowId: pair.shadowId,
            direction: p ? "regressed" : "improved",
          });
      }
    const evaluated = skipped === null ? graded.length : 0;
    return {
      index,
      type: spec.type,
      label: assertionLabel(spec),
      skipped,
      evaluated,
      primaryPassRate: rate(primaryPassed, evaluated),
      candidatePassRate: rate(candidatePassed, evaluated),
      flips,
    };
  });
  const allPass = (xs: (boolean | null)[]) => xs.every((x) => x !== false);
  return {
    path: suite.path,
    description: suite.description,
    error: null,
    assertions,
    primaryPassRate: rate(graded.filter((p) => allPass(p.suite!.primary)).length, graded.length),
    candidatePassRate: rate(graded.filter((p) => allPass(p.suite!.candidate)).length, graded.length),
  };
}

/** The suite section of a report whose suite could not be loaded. */
export function suiteLoadFailure(path: string, error: unknown): ShadowSuiteReport {
  return {
    path,
    description: "",
    error: error instanceof Error ? error.message : String(error),
    assertions: [],
    primaryPassRate: null,
    candidatePassRate: null,
  };
}
