/** Where a review export puts corrections and suite assertions, and when it warns. */

import { schemaChecker } from "@genchi/eval";
import type { Annotation, Call, SuiteAssertion } from "@genchi/spec";
import { describe, expect, it } from "vitest";
import { correctionAssert, type ReviewedCall, reviewExport } from "./review-export.js";

const embedding = { id: "openai:embedding:text-embedding-3-small" };

function reviewed(id: string, output: string, a: Partial<Annotation>): ReviewedCall {
  const call = { id, route: "r", input: [{ role: "user", content: `q ${id}` }], output } as unknown as Call;
  const annotation: Annotation = {
    callId: id,
    reviewer: "ana",
    verdict: "fail",
    tags: [],
    note: null,
    correction: null,
    createdAt: "2026-01-01T00:00:00.000Z",
    ...a,
  };
  return { call, annotation };
}

const assertion = (
  id: string,
  assert: SuiteAssertion["assert"],
  sourceCallId: string | null,
): SuiteAssertion => ({
  id,
  route: "r",
  description: id,
  assert,
  sourceCallId,
  createdAt: "2026-01-01T00:00:00.000Z",
});

describe("correctionAssert", () => {
  it("is equals for one short line, similar for longer or multi-line text, nothing when blank", () => {
    expect(correctionAssert(" billing\n", embedding)).toEqual({
      type: "equals",
      value: "billing",
      metric: "correction",
    });
    expect(correctionAssert("x".repeat(80), embedding)?.type).toBe("equals");
    expect(correctionAssert("x".repeat(81), embedding)).toMatchObject({
      type: "similar",
      threshold: 0.8,
      provider: embedding,
    });
    expect(correctionAssert("line one\nline two", embedding)?.type).toBe("similar");
    expect(correctionAssert("  \n", embedding)).toBeNull();
  });
});

describe("reviewExport", () => {
  const calls = [
    reviewed("corrected", "refund", { correction: "billing" }),
    reviewed("other-corrected", "billing", { correction: "shipping" }),
    reviewed("passed", "shipping", { verdict: "pass" }),
    reviewed("failed", "Sorry, no", {}),
  ];

  it("puts each assertion on the tests where it agrees with the reviewer, and on its own call", () => {
    const out = reviewExport({
      reviewed: calls,
      assertions: [
        assertion("exact", { type: "regex", value: "^\\s*billing\\s*$" }, "corrected"),
        assertion("no-sorry", { type: "not-contains", value: "Sorry" }, "failed"),
        assertion("judge", { type: "llm-rubric", value: "polite" }, "failed"),
      ],
      embeddingProvider: embedding,
      schemaCheck: schemaChecker(),
    });
    const on = (id: string) => out.tests.find((t) => t.callId === id)?.assert.map((a) => a.metric);
    expect(on("corrected")).toEqual(["correction", "exact", "no-sorry", "judge"]);
    expect(on("other-corrected")).toEqual(["correction", "no-sorry", "judge"]);
    expect(on("passed")).toEqual(["no-sorry", "judge"]);
    expect(on("failed")).toEqual(["no-sorry", "judge"]);
    expect(out.warnings).toEqual([]);
    expect(out.tests[0]!.messages).toEqual([{ role: "user", content: "q corrected" }]);
  });

  it("warns when an assertion fails the call it was proposed from, and leaves out calls nothing checks", () => {
    const out = reviewExport({
      reviewed: calls,
      assertions: [assertion("mentions-refund", { type: "contains", value: "refund" }, "passed")],
      embeddingProvider: embedding,
      schemaCheck: schemaChecker(),
    });
    expect(out.warnings).toEqual([
      expect.objectContaining({
        code: "fails_source_call",
        assertionId: "mentions-refund",
        callId: "passed",
      }),
    ]);
    expect(out.warnings[0]!.message).toContain("the output the reviewer passed");
    // "failed" has no correction and the assertion passes its output (it does not catch it)
    expect(out.skipped).toEqual(["failed"]);
    expect(out.tests.find((t) => t.callId === "passed")?.assert).toEqual([
      { type: "contains", value: "refund", metric: "mentions-refund" },
    ]);
  });
});
