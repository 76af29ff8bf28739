/**
 * Inline `javascript` assertions with promptfoo's semantics: the snippet sees `output` and
 * `context` (vars, prompt, provider) and returns a boolean, a score or `{ pass, score, reason }`;
 * promptfoo's `transform`s run the same way and return the new output.
 * It runs in a sandbox isolated from genchi's state (see javascript-sandbox.ts): a worker thread,
 * or genchi's own thread under node:vm's timeout for a run with only a few snippet calls.
 */
import type { AssertionContext, AssertionSpec, AssertionVerdict } from "@genchi/core/eval";
import { errorVerdict } from "@genchi/core/eval";
import { JavascriptSandbox } from "./javascript-sandbox.js";

let shared: JavascriptSandbox | undefined;

/**
 * Runs a `javascript` assertion.
 *
 * @example await runJavascriptAssertion("output.length > 3", "Paris", ctx) // → { pass: true, score: 1, … }
 */
export async function runJavascriptAssertion(
  source: string,
  output: string,
  ctx: AssertionContext,
  sandbox?: JavascriptSandbox,
): Promise<AssertionVerdict> {
  if (sandbox === undefined) {
    shared ??= new JavascriptSandbox();
    sandbox = shared;
  }
  const context = JSON.stringify({ vars: ctx.vars, prompt: ctx.prompt, provider: { id: ctx.provider } });
  const reply = await sandbox.run(source, ctx.outputJson ?? JSON.stringify(output), context);
  if (reply.error !== undefined) return errorVerdict(`javascript assertion failed: ${reply.error}`);
  let raw: unknown;
  try {
    raw = reply.result === undefined ? undefined : (JSON.parse(reply.result) as unknown);
  } catch {
    raw = undefined;
  }
  if (typeof raw === "boolean") {
    return {
      pass: raw,
      score: raw ? 1 : 0,
      reason: raw ? "Assertion passed" : `Custom function returned false\n${source}`,
    };
  }
  if (typeof raw === "number") {
    const pass = ctx.threshold !== undefined ? raw >= ctx.threshold : raw > 0;
    return { pass, score: raw, reason: pass ? "Assertion passed" : `Custom function returned ${raw}` };
  }
  if (typeof raw === "object" && raw !== null && typeof (raw as { pass?: unknown }).pass === "boolean") {
    const r = raw as { pass: boolean; score?: number; reason?: string };
    return { pass: r.pass, score: r.score ?? (r.pass ? 1 : 0), reason: r.reason ?? "" };
  }
  return errorVerdict(
    `javascript assertion must return a boolean, a number or { pass, score, reason }; got ${JSON.stringify(raw ?? null)}`,
  );
}

/**
 * Runs a promptfoo `transform` (an expression over `output`, or a function body) in the same
 * sandbox as `javascript` assertions; resolves with its result as JSON, or the error.
 *
 * @example await runJavascriptTransform("output.toUpperCase()", '"paris"', ctx) // → { value: '"PARIS"' }
 */
export async function runJavascriptTransform(
  source: string,
  outputJson: string,
  ctx: { vars: Readonly<Record<string, unknown>>; prompt: string; provider: string },
  sandbox?: JavascriptSandbox,
): Promise<{ value: string } | { error: string }> {
  if (sandbox === undefined) {
    shared ??= new JavascriptSandbox();
    sandbox = shared;
  }
  const context = JSON.stringify({ vars: ctx.vars, prompt: ctx.prompt, provider: { id: ctx.provider } });
  const reply = await sandbox.run(source, outputJson, context);
  return reply.error !== undefined ? { error: reply.error } : { value: reply.result ?? "null" };
}

/** Up to this many snippet calls, a run keeps its snippets in genchi's thread (no worker). */
export const inlineSnippetCalls = 16;

/**
 * Sets up the shared sandbox for a suite: none when no test has a `javascript` assertion or a
 * transform; inline when the run makes at most `inlineSnippetCalls` snippet calls (a worker's
 * start-up would cost more); else a worker started now, so its start-up overlaps the first requests.
 *
 * @example prepareJavascriptSandbox(suite)
 */
export function prepareJavascriptSandbox(
  suite: {
    tests: readonly {
      assert: readonly AssertionSpec[];
      options: { repeat?: number; transform?: string; postprocess?: string };
    }[];
    prompts: readonly unknown[];
    providers: readonly unknown[];
    repeat: number;
  },
  repeatOverride?: number,
): void {
  const usesJavascript = new Map<readonly AssertionSpec[], number>();
  let calls = 0;
  for (const t of suite.tests) {
    // defaultTest assertions are shared by many tests: look at each list once
    let n = usesJavascript.get(t.assert);
    if (n === undefined) {
      n = t.assert.filter(
        (a) => a.type === "javascript" || a.type === "not-javascript" || a.transform !== undefined,
      ).length;
      usesJavascript.set(t.assert, n);
    }
    const testTransform = t.options.transform !== undefined || t.options.postprocess !== undefined;
    calls += (n + (testTransform ? 1 : 0)) * (t.options.repeat ?? repeatOverride ?? suite.repeat);
    if (calls > inlineSnippetCalls) break;
  }
  calls *= suite.prompts.length * suite.providers.length;
  if (calls === 0 || shared !== undefined) return;
  shared = new JavascriptSandbox(2000, calls <= inlineSnippetCalls);
  shared.warm();
}

/** How the shared sandbox runs snippets (null before any is set up). */
export function javascriptSandboxMode(): "inline" | "worker" | null {
  return shared === undefined ? null : shared.isInline ? "inline" : "worker";
}

/** Stops the shared sandbox worker, so a finished CLI run can exit. */
export function closeJavascriptSandbox(): void {
  shared?.close();
  shared = undefined;
}
