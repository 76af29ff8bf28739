/**
 * How an assertion would have judged the calls already reviewed: per call, its verdict next to
 * the reviewer's, and how well the two agree. Code checks run here, purely; an LLM rubric
 * needs a judge, so its per-call verdicts are `null` (unknown until an eval runs it).
 */
import type { Verdict } from "@genchi/spec";
import { coreAssertions, splitInversion } from "../eval/assertion-registry.js";
import type { SchemaCheck } from "../eval/json-assertions.js";

export interface ReviewedOutput {
  callId: string;
  output: string;
  verdict: Verdict;
}

export interface BacktestRow {
  callId: string;
  human: Verdict;
  /** What the assertion says; null when it cannot be judged without a model. */
  predicted: Verdict | null;
}

export interface Backtest {
  rows: BacktestRow[];
  /** Share of judged calls where the assertion agrees with the reviewer (null: none judged). */
  agreement: number | null;
  /** Reviewed failures the assertion fails too. */
  caughtFailures: number;
  /** Reviewed passes the assertion would fail. */
  falseFailures: number;
}

const lengthPattern = /^output\.length >= (\d+) && output\.length <= (\d+)$/;

/**
 * One assertion's verdict on one output, or null when it needs a model (llm-rubric) or is unknown.
 * Throws a SyntaxError for an invalid regex.
 *
 * @example judgeAssertion({ type: "contains", value: "billing" }, "billing") // → "pass"
 */
export function judgeAssertion(
  assert: { type: string; value?: unknown },
  output: string,
  schemaCheck?: SchemaCheck,
): Verdict | null {
  if (assert.type === "javascript") {
    const m = typeof assert.value === "string" ? lengthPattern.exec(assert.value) : null;
    if (!m) return null;
    return output.length >= Number(m[1]) && output.length <= Number(m[2]) ? "pass" : "fail";
  }
  const { base, inverse } = splitInversion(assert.type);
  const fn = coreAssertions(schemaCheck).get(base);
  if (!fn) return null;
  const result = fn(output, {
    value: assert.value,
    threshold: undefined,
    vars: {},
    prompt: "",
    latencyMs: null,
    costUsd: null,
    provider: "review",
  });
  if (result instanceof Promise) return null;
  if (result.error) return null;
  return result.pass !== inverse ? "pass" : "fail";
}

/**
 * Backtests an assertion on reviewed outputs.
 *
 * @example backtestAssertion({ type: "not-contains", value: "sorry" }, reviewed).caughtFailures
 */
export function backtestAssertion(
  assert: { type: string; value?: unknown },
  reviewed: readonly ReviewedOutput[],
  schemaCheck?: SchemaCheck,
): Backtest {
  const rows = reviewed.map((r) => ({
    callId: r.callId,
    human: r.verdict,
    predicted: judgeAssertion(assert, r.output, schemaCheck),
  }));
  const judged = rows.filter((r) => r.predicted !== null);
  return {
    rows,
    agreement: judged.length ? judged.filter((r) => r.predicted === r.human).length / judged.length : null,
    caughtFailures: rows.filter((r) => r.human === "fail" && r.predicted === "fail").length,
    falseFailures: rows.filter((r) => r.human === "pass" && r.predicted === "fail").length,
  };
}
