/**
 * The javascript sandbox in both modes (worker thread, inline for small runs): the same
 * verdicts and messages for the same snippets, no access to genchi's process, runaway
 * snippets stopped; and a suite picks the mode by its number of snippet calls.
 */
import type { AssertionContext } from "@genchi/core/eval";
import { afterEach, describe, expect, it } from "vitest";
import { JavascriptSandbox } from "./javascript-sandbox.js";
import {
  closeJavascriptSandbox,
  inlineSnippetCalls,
  javascriptSandboxMode,
  prepareJavascriptSandbox,
  runJavascriptAssertion,
} from "./run-javascript-assertion.js";

const ctx: AssertionContext = {
  vars: { city: "Paris", n: 3 },
  prompt: "p",
  latencyMs: 1,
  costUsd: null,
  provider: "x",
  value: null,
  threshold: undefined,
};

const snippets = [
  "output.includes(context.vars.city)",
  "output.length",
  "output.length > 100",
  "({ pass: true, score: 0.5, reason: 'half' })",
  "const words = output.split(' ');\nreturn words.length === context.vars.n;",
  "typeof process === 'undefined' && typeof require === 'undefined' && typeof globalThis.fetch === 'undefined'",
  "undefined",
  "output.nope.deeper",
  "throw new Error('custom failure')",
  "output.includes(",
  "typeof output.constructor.constructor('return this')().process === 'undefined'",
  "context.vars.constructor.constructor('return typeof process')() === 'undefined'",
  "globalThis.leak = (globalThis.leak ?? 0) + 1",
];

afterEach(() => closeJavascriptSandbox());

describe("javascript sandbox", () => {
  it("gives the same verdicts inline and in a worker", async () => {
    const worker = new JavascriptSandbox(1000);
    const inline = new JavascriptSandbox(1000, true);
    try {
      for (const source of snippets) {
        for (const output of ["echo: Paris in spring", "x y z"]) {
          const a = await runJavascriptAssertion(source, output, ctx, worker);
          const b = await runJavascriptAssertion(source, output, ctx, inline);
          expect(b, source).toEqual(a);
          // no way back to genchi's process from the values a snippet is given
          if (source.includes("constructor")) expect(a, source).toMatchObject({ pass: true });
        }
      }
      // a snippet keeps its own context across calls, in both modes
      expect((await runJavascriptAssertion(snippets.at(-1)!, "x", ctx, inline)).score).toBe(3);
      expect((await runJavascriptAssertion(snippets.at(-1)!, "x", ctx, worker)).score).toBe(3);
    } finally {
      worker.close();
      inline.close();
    }
  });

  it("stops a runaway snippet inline and keeps going", async () => {
    const inline = new JavascriptSandbox(200, true);
    const loop = await runJavascriptAssertion("(() => { while (true) {} })()", "x", ctx, inline);
    expect(loop).toMatchObject({ pass: false, error: expect.stringMatching(/timed out after 200 ms/) });
    // a runaway promise callback is bounded too, instead of hanging genchi's thread afterwards
    const later = await runJavascriptAssertion(
      "(Promise.resolve().then(() => { while (true) {} }), true)",
      "x",
      ctx,
      inline,
    );
    expect(later).toMatchObject({ pass: false, error: expect.stringMatching(/timed out/) });
    expect(await runJavascriptAssertion("output === 'ok'", "ok", ctx, inline)).toMatchObject({ pass: true });
  });

  it("runs a small suite inline and a large one in a worker", async () => {
    const assert = [{ type: "javascript", value: "true" }];
    const suite = (tests: number) => ({
      tests: Array.from({ length: tests }, () => ({ assert, options: {} })),
      prompts: ["p"],
      providers: ["a"],
      repeat: 1,
    });
    prepareJavascriptSandbox(suite(0));
    expect(javascriptSandboxMode()).toBe(null);
    prepareJavascriptSandbox(suite(inlineSnippetCalls));
    expect(javascriptSandboxMode()).toBe("inline");
    expect(await runJavascriptAssertion("output === 'x'", "x", ctx)).toMatchObject({ pass: true });
    closeJavascriptSandbox();
    prepareJavascriptSandbox(suite(1), inlineSnippetCalls + 1);
    expect(javascriptSandboxMode()).toBe("worker");
    expect(await runJavascriptAssertion("output === 'x'", "x", ctx)).toMatchObject({ pass: true });
  });
});
