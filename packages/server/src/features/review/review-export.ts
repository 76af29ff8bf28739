/**
 * What a route's suite export holds, before it is written as YAML: one test per reviewed call
 * (its whole conversation), the reviewer's correction as that test's expected output, and each
 * suite assertion on the tests where its backtest agrees with the reviewer — never on every
 * test. Warns when an assertion fails the very call it was proposed from.
 *
 * Where an assertion goes, per reviewed call (latest annotation):
 * - with a correction: when the assertion passes the correction (what the call should have said);
 * - passed, no correction: when it passes the output the reviewer passed;
 * - failed, no correction: when it fails that output (it catches the failure) and it is general,
 *   that is it holds on every reviewed call whose right answer is known (an exact-label check
 *   that fails other passed calls belongs to inputs with that label only);
 * - an assertion genchi cannot judge without a model (llm-rubric): on every reviewed call;
 * - always on the call it was proposed from (`sourceCallId`); a warning when it fails there.
 */
import { callText, judgeAssertion, type SchemaCheck } from "@genchi/core";
import type { Annotation, Call, ChatMessage, SuiteAssertion, Verdict } from "@genchi/spec";
import { callMessages } from "./review-vars.js";

/** A reviewed call and its latest annotation. */
export interface ReviewedCall {
  call: Call;
  annotation: Annotation;
}

/** One assertion of an exported test, in the eval YAML's terms. */
export interface ExportAssert {
  type: string;
  value?: unknown;
  threshold?: number;
  metric?: string;
  provider?: unknown;
}

export interface ExportTest {
  callId: string;
  description: string;
  messages: ChatMessage[];
  assert: ExportAssert[];
}

/** Something in the export a reviewer should fix; data, keyed on `code`. */
export interface ExportWarning {
  code: "fails_source_call";
  assertionId: string;
  callId: string;
  message: string;
}

export interface ReviewExport {
  tests: ExportTest[];
  /** Reviewed calls left out: nothing checks them (no correction, no assertion that holds). */
  skipped: string[];
  warnings: ExportWarning[];
}

/** A correction longer than this, or over more than one line, is compared by similarity. */
export const exactCorrectionMax = 80;
/** Cosine similarity a long correction asks for. */
export const correctionSimilarity = 0.8;

/**
 * The expectation a correction sets: `equals` for one short line (a label, a number, a name),
 * `similar` (embeddings, cosine ≥ 0.8) for longer text. Null for a blank correction.
 *
 * @example correctionAssert("billing", { id: "openai:embedding:text-embedding-3-small" }) // → { type: "equals", value: "billing", metric: "correction" }
 */
export function correctionAssert(correction: string, embeddingProvider: unknown): ExportAssert | null {
  const text = correction.trim();
  if (!text) return null;
  if (!text.includes("\n") && text.length <= exactCorrectionMax)
    return { type: "equals", value: text, metric: "correction" };
  return {
    type: "similar",
    value: text,
    threshold: correctionSimilarity,
    metric: "correction",
    provider: embeddingProvider,
  };
}

const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

/** An assertion's verdict on a text; null when it needs a model or cannot run. */
function judge(assert: SuiteAssertion["assert"], text: string, schemaCheck: SchemaCheck): Verdict | null {
  try {
    return judgeAssertion(assert, text, schemaCheck);
  } catch {
    return null;
  }
}

/** What the call should have answered, as far as the review says: its correction, else a passed output. */
function expectedOutput(r: ReviewedCall): { text: string; what: string } | null {
  const correction = r.annotation.correction?.trim();
  if (correction) return { text: correction, what: "its correction" };
  if (r.annotation.verdict === "pass")
    return { text: callText(r.call.output), what: "the output the reviewer passed" };
  return null;
}

/** Whether the assertion agrees with the reviewer on this call (unknown counts as agreeing). */
function holds(a: SuiteAssertion, r: ReviewedCall, general: boolean, schemaCheck: SchemaCheck): boolean {
  const expected = expectedOutput(r);
  if (expected) return judge(a.assert, expected.text, schemaCheck) !== "fail";
  const verdict = judge(a.assert, callText(r.call.output), schemaCheck);
  return verdict === null || (verdict === "fail" && general);
}

/** Holds on every reviewed call whose right answer is known (its correction or a passed output). */
function isGeneral(a: SuiteAssertion, reviewed: readonly ReviewedCall[], schemaCheck: SchemaCheck): boolean {
  return reviewed.every((r) => {
    const expected = expectedOutput(r);
    return !expected || judge(a.assert, expected.text, schemaCheck) !== "fail";
  });
}

const assertOf = (a: SuiteAssertion): ExportAssert => ({
  ...a.assert,
  ...(a.description ? { metric: a.description } : {}),
});

/**
 * Builds the tests of a route's export from its reviewed calls (in test order) and suite assertions.
 *
 * @example reviewExport({ reviewed, assertions, embeddingProvider: { id: "openai:embedding:text-embedding-3-small" }, schemaCheck })
 */
export function reviewExport(input: {
  reviewed: readonly ReviewedCall[];
  assertions: readonly SuiteAssertion[];
  embeddingProvider: unknown;
  schemaCheck: SchemaCheck;
}): ReviewExport {
  const { schemaCheck } = input;
  const tests: ExportTest[] = [];
  const skipped: string[] = [];
  const warnings: ExportWarning[] = [];
  const general = new Map(input.assertions.map((a) => [a.id, isGeneral(a, input.reviewed, schemaCheck)]));
  for (const r of input.reviewed) {
    const callId = r.call.id;
    const assert: ExportAssert[] = [];
    const corrected = r.annotation.correction
      ? correctionAssert(r.annotation.correction, input.embeddingProvider)
      : null;
    if (corrected) assert.push(corrected);
    for (const a of input.assertions) {
      if (a.sourceCallId === callId) {
        const expected = expectedOutput(r);
        if (expected && judge(a.assert, expected.text, schemaCheck) === "fail")
          warnings.push({
            code: "fails_source_call",
            assertionId: a.id,
            callId,
            message: `assertion "${oneLine(a.description || a.assert.type)}" (${a.id}) fails call ${callId} it was proposed from (${expected.what}), so that test cannot pass; edit or replace the assertion`,
          });
        assert.push(assertOf(a));
      } else if (holds(a, r, general.get(a.id) === true, schemaCheck)) assert.push(assertOf(a));
    }
    if (assert.length === 0) {
      skipped.push(callId);
      continue;
    }
    tests.push({
      callId,
      description: `call ${callId} (${r.annotation.verdict} by ${r.annotation.reviewer})`,
      messages: callMessages(r.call),
      assert,
    });
  }
  return { tests, skipped, warnings };
}
