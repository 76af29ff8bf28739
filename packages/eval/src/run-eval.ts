/**
 * The eval runner: tests × prompts × providers × repeats with bounded concurrency, each result
 * appended to a JSONL file as it lands (memory stays flat), `resume` skipping what the file
 * already holds. Progress and output are hooks; the loop knows no terminal. A test that runs
 * more than once skips the response cache, so every repeat is a fresh answer from upstream.
 * `concurrency` bounds the provider requests in flight: a test whose assertions are all local
 * grades while its slot's next request is already out; one with judge or embedding calls
 * grades inside its slot, so those calls count too.
 */
import { closeSync, existsSync, openSync, readFileSync, truncateSync, writeSync } from "node:fs";
import {
  type AssertionRegistry,
  type AssertionSpec,
  evaluateAssertions,
  type OutputTransform,
  transformedOutput,
} from "@genchi/core/eval";
import type { EvalResult } from "@genchi/spec";
import { EvalAggregate } from "./eval-aggregate.js";
import type { Completion, EvalProvider } from "./eval-provider.js";
import type { EvalSuite, TestCase } from "./eval-suite.js";
import { renderTemplate } from "./render-template.js";
import { runJavascriptTransform } from "./run-javascript-assertion.js";

export interface RunEvalOptions {
  suite: EvalSuite;
  providers: EvalProvider[];
  registry: AssertionRegistry;
  /** JSONL file results stream into. */
  resultsFile: string;
  concurrency?: number;
  /** Overrides the suite's repeat (tests' own `options.repeat` still win). */
  repeat?: number;
  /** Keep the results already in `resultsFile` and run only the missing ones. */
  resume?: boolean;
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** Called with each new result as it lands (e.g. to upload it to genchi). */
  onResult?: ((result: EvalResult) => void) | undefined;
  /** Runs `transform`s (test and assertion level); default: the shared JavaScript sandbox. */
  transform?: OutputTransform;
}

export interface EvalRunSummary {
  aggregate: EvalAggregate;
  total: number;
  /** Results taken from a previous, interrupted run. */
  resumed: number;
}

interface WorkItem {
  testIndex: number;
  promptIndex: number;
  providerIndex: number;
  repeat: number;
}

const keyOf = (w: WorkItem) => `${w.testIndex}:${w.promptIndex}:${w.providerIndex}:${w.repeat}`;

/**
 * How many times a test runs.
 *
 * @example repeatsOf(test, suite, 3) // → test.options.repeat ?? 3
 */
export function repeatsOf(test: TestCase, suite: EvalSuite, override: number | undefined): number {
  return test.options.repeat ?? override ?? suite.repeat;
}

function describe(test: TestCase): string {
  if (test.description !== undefined) return test.description;
  const text = JSON.stringify(test.vars);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Stored results line: the public result plus where it sits in the plan. */
type Line = EvalResult & { promptIndex: number; providerIndex: number };

/**
 * Runs a suite and streams its results to `resultsFile`.
 *
 * @example const { aggregate } = await runEval({ suite, providers, registry, resultsFile: "out.jsonl" })
 */
export async function runEval(options: RunEvalOptions): Promise<EvalRunSummary> {
  const { suite, providers, registry } = options;
  const transform = options.transform ?? runJavascriptTransform;
  const concurrency = Math.max(1, options.concurrency ?? suite.maxConcurrency ?? 4);
  const repeats = suite.tests.map((t) => repeatsOf(t, suite, options.repeat));
  const aggregate = new EvalAggregate((i) => repeats[i] ?? 1);
  const done = new Set<string>();
  if (options.resume && existsSync(options.resultsFile)) {
    const text = readFileSync(options.resultsFile, "utf8");
    // drop a last line cut by the interruption, so appended results start on a fresh line
    if (text !== "" && !text.endsWith("\n"))
      truncateSync(options.resultsFile, Buffer.byteLength(text.slice(0, text.lastIndexOf("\n") + 1)));
    for (const line of text.split("\n")) {
      if (line.trim() === "") continue;
      let r: Line;
      try {
        r = JSON.parse(line) as Line;
      } catch {
        continue; // a line cut by the interruption
      }
      done.add(
        keyOf({
          testIndex: r.testIndex ?? 0,
          promptIndex: r.promptIndex,
          providerIndex: r.providerIndex,
          repeat: r.repeat ?? 0,
        }),
      );
      aggregate.add(r);
    }
  }
  const fd = openSync(options.resultsFile, options.resume ? "a" : "w");
  let buffer = "";
  let lastFlush = Date.now();
  const flush = () => {
    if (buffer !== "") writeSync(fd, buffer);
    buffer = "";
    lastFlush = Date.now();
  };

  const perTest = suite.prompts.length * providers.length;
  const total = repeats.reduce((n, r) => n + r * perTest, 0);
  let finished = done.size;
  const resumed = done.size;

  let maxRepeat = 0;
  for (const r of repeats) if (r > maxRepeat) maxRepeat = r;

  function* plan(): Generator<WorkItem> {
    for (let repeat = 0; repeat < maxRepeat; repeat++) {
      for (let testIndex = 0; testIndex < suite.tests.length; testIndex++) {
        if (repeat >= repeats[testIndex]!) continue;
        for (let promptIndex = 0; promptIndex < suite.prompts.length; promptIndex++) {
          for (let providerIndex = 0; providerIndex < providers.length; providerIndex++) {
            const w = { testIndex, promptIndex, providerIndex, repeat };
            if (done.size === 0 || !done.has(keyOf(w))) yield w;
          }
        }
      }
    }
  }

  /** A test whose provider request has been answered (or failed), ready to grade. */
  interface Answered {
    test: TestCase;
    provider: EvalProvider;
    base: Omit<Line, "pass" | "score" | "output" | "error">;
    prompt: string;
    completion: Completion | null;
    /** The result when there is nothing to grade (template or provider error). */
    failed: Line | null;
  }

  /** Renders the prompt and asks the provider; never rejects. */
  async function request(w: WorkItem): Promise<Answered> {
    const test = suite.tests[w.testIndex]!;
    const provider = providers[w.providerIndex]!;
    const promptSpec = suite.prompts[w.promptIndex]!;
    const base = {
      description: describe(test),
      vars: test.vars,
      provider: provider.label,
      testIndex: w.testIndex,
      repeat: w.repeat,
      promptIndex: w.promptIndex,
      providerIndex: w.providerIndex,
      prompt: promptSpec.label,
    };
    const answered = { test, provider, base, prompt: "", completion: null, failed: null };
    try {
      const { prefix, suffix } = test.options;
      const raw = prefix || suffix ? `${prefix ?? ""}${promptSpec.raw}${suffix ?? ""}` : promptSpec.raw;
      answered.prompt = renderTemplate(raw, test.vars);
    } catch (error) {
      const message = `template error: ${(error as Error).message}`;
      return { ...answered, failed: { ...base, pass: false, score: 0, output: null, error: message } };
    }
    try {
      // a repeat asks upstream again: that is what repeats measure (the cache would replay one answer)
      const cache = (repeats[w.testIndex] ?? 1) <= 1;
      return { ...answered, completion: await provider.complete(answered.prompt, { cache }) };
    } catch (error) {
      const message = (error as Error).message;
      return { ...answered, failed: { ...base, pass: false, score: 0, output: null, error: message } };
    }
  }

  async function grade(a: Answered): Promise<Line> {
    if (a.failed !== null || a.completion === null) return a.failed!;
    const { test, completion, base } = a;
    const measured = {
      latencyMs: completion.latencyMs,
      costUsd: completion.costUsd,
      cached: completion.cached,
    };
    const code = test.options.transform ?? test.options.postprocess;
    let output = completion.output;
    let outputJson: string | undefined;
    if (code !== undefined) {
      const seen = { vars: test.vars, prompt: a.prompt, provider: a.provider.id };
      const t = await transform(code, JSON.stringify(output), seen);
      const shaped = "error" in t ? t : transformedOutput(t.value);
      if ("error" in shaped) {
        const error = `transform failed: ${shaped.error}`;
        return { ...base, ...measured, pass: false, score: 0, output: completion.output, error };
      }
      ({ output, outputJson } = shaped);
    }
    const grading = await evaluateAssertions(
      output,
      test.assert,
      {
        vars: test.vars,
        prompt: a.prompt,
        latencyMs: completion.latencyMs,
        costUsd: completion.costUsd,
        provider: a.provider.id,
        testOptions: test.options as Record<string, unknown>,
        outputJson,
        transform,
      },
      registry,
    );
    const pass =
      grading.error === null &&
      (test.threshold !== undefined ? grading.score >= test.threshold : grading.pass);
    return {
      ...base,
      pass,
      score: grading.score,
      output,
      error: grading.error,
      ...measured,
      assertions: grading.assertions,
      namedScores: grading.namedScores,
    };
  }

  // Tests whose assertions are all local (no provider calls) hand their slot to the next
  // request before grading, so grading never delays the next request.
  const localOf = new WeakMap<readonly AssertionSpec[], boolean>();
  const gradesLocally = (a: Answered): boolean => {
    if (a.completion === null) return true;
    let local = localOf.get(a.test.assert);
    if (local === undefined) {
      local = a.test.assert.every((spec) => registry.isLocal(spec.type));
      localOf.set(a.test.assert, local);
    }
    return local;
  };

  const iterator = plan();
  const requestNext = (): Promise<Answered> | null => {
    const next = iterator.next();
    return next.done ? null : request(next.value);
  };
  async function worker(): Promise<void> {
    let inFlight = requestNext();
    while (inFlight !== null) {
      const answered = await inFlight;
      let line: Line;
      if (gradesLocally(answered)) {
        inFlight = requestNext();
        line = await grade(answered);
      } else {
        line = await grade(answered);
        inFlight = requestNext();
      }
      aggregate.add(line);
      options.onResult?.(line);
      buffer += `${JSON.stringify(line)}\n`;
      if (buffer.length > 65_536 || Date.now() - lastFlush > 1000) flush();
      finished++;
      options.onProgress?.(finished, total);
    }
  }
  try {
    options.onProgress?.(finished, total);
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    flush();
    closeSync(fd);
  }
  return { aggregate, total, resumed };
}
