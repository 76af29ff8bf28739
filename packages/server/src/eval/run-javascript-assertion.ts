/**
 * Inline `javascript` assertions with promptfoo's semantics: the snippet sees `output` and
 * `context` (vars, prompt, provider) and returns a boolean, a score or `{ pass, score, reason }`.
 * It runs in a worker-thread sandbox (see javascript-sandbox.ts), isolated from genchi's state.
 */
import type { AssertionContext, AssertionVerdict } from "@genchi/core/eval";
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
  const reply = await sandbox.run(source, JSON.stringify(output), context);
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

/** Stops the shared sandbox worker, so a finished CLI run can exit. */
export function closeJavascriptSandbox(): void {
  shared?.close();
  shared = undefined;
}
