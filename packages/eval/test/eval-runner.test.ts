/**
 * The eval runner against the scripted upstream: repeat metrics from an upstream answering at
 * random with known probabilities (seeded), LLM-judge verdicts including malformed replies,
 * retries on 429 honouring retry-after, the on-disk cache, and --resume.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ScriptedUpstream, startScriptedUpstream } from "@genchi/scripted-upstream";
import type { EvalResult } from "@genchi/spec";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createProvider } from "../src/eval-provider.js";
import { createHttpClient, type HttpClientOptions } from "../src/http-client.js";
import { evalAssertions } from "../src/io-assertions.js";
import { loadEvalConfig } from "../src/load-eval-config.js";
import { runEval } from "../src/run-eval.js";

let upstream: ScriptedUpstream;
const work = mkdtempSync(join(tmpdir(), "genchi-eval-runner-"));

beforeAll(async () => {
  upstream = await startScriptedUpstream();
});
afterAll(async () => {
  await upstream.close();
});
beforeEach(() => upstream.reset());

/** mulberry32: a seeded PRNG. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function writeConfig(name: string, body: string): string {
  const path = join(work, name);
  writeFileSync(path, body.replaceAll("__UPSTREAM__", `${upstream.url}/v1`));
  return path;
}

async function run(
  config: string,
  extra: { concurrency?: number; resume?: boolean; http?: HttpClientOptions; repeat?: number } = {},
) {
  const suite = loadEvalConfig(config);
  const http = createHttpClient(extra.http ?? {});
  const resultsFile = `${config}.jsonl`;
  const summary = await runEval({
    suite,
    providers: suite.providers.map((p) => createProvider(p, http)),
    registry: evalAssertions({ http }),
    resultsFile,
    concurrency: extra.concurrency ?? 1,
    ...(extra.resume ? { resume: true } : {}),
    ...(extra.repeat ? { repeat: extra.repeat } : {}),
  });
  const results = readFileSync(resultsFile, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as EvalResult);
  return { summary, results };
}

describe("repeat metrics", () => {
  it("match an upstream answering yes with known probabilities", async () => {
    const probabilities = [1, 0.5, 0.2, 0];
    const repeats = 40;
    const random = seeded(42);
    const yesCount = probabilities.map(() => 0);
    // the runner goes repeat by repeat, test by test; at concurrency 1 the queue order is that order
    for (let r = 0; r < repeats; r++) {
      probabilities.forEach((p, t) => {
        const yes = random() < p;
        if (yes) yesCount[t]!++;
        upstream.script({ type: "text", text: yes ? "yes" : `no (${r})` });
      });
    }
    const config = writeConfig(
      "repeat.yaml",
      `prompts: ["{{q}}"]
providers: [{ id: "openai:chat:gpt-4o-mini", config: { apiBaseUrl: __UPSTREAM__ } }]
evaluateOptions: { repeat: ${repeats} }
tests:
${probabilities.map((p, i) => `  - { description: "p=${p} #${i}", vars: { q: "q${i}" }, assert: [{ type: equals, value: "yes" }] }`).join("\n")}
`,
    );
    const { summary, results } = await run(config);
    expect(results).toHaveLength(probabilities.length * repeats);
    const rows = summary.aggregate.repeats();
    expect(rows).toHaveLength(probabilities.length);
    // flaky tests first
    expect(rows.slice(0, 2).every((r) => r.flaky)).toBe(true);
    for (const row of rows) {
      const k = yesCount[row.testIndex]!;
      expect(row.passes).toBe(k);
      expect(row.passRate).toBeCloseTo(k / repeats, 10);
      expect(row.passAll).toBe(k === repeats);
      expect(row.passAny).toBe(k > 0);
      const p = probabilities[row.testIndex]!;
      // binomial(40, p): within 4 standard deviations of the known probability
      expect(Math.abs(row.passRate - p)).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / repeats) + 1e-9);
    }
    const always = rows.find((r) => r.testIndex === 0)!;
    expect(always.consistency).toBe(1);
    const never = rows.find((r) => r.testIndex === 3)!;
    expect(never.consistency).toBeLessThan(1); // "no (0)", "no (1)", … differ
  });
});

describe("llm-rubric with a scripted judge", () => {
  it("passes, fails, and turns a malformed judge reply into an error, never a pass", async () => {
    const judge = await startScriptedUpstream();
    try {
      judge.script(
        { type: "text", text: '{"pass": true, "score": 1, "reason": "polite"}' },
        { type: "text", text: '{"pass": false, "score": 0, "reason": "rude"}' },
        { type: "text", text: "I would say it is somewhat polite, maybe." },
        { type: "text", text: '{"verdict": "good"}' },
        { type: "text", text: "NO" },
      );
      const config = writeConfig(
        "judge.yaml",
        `prompts: ["{{q}}"]
providers: [{ id: "openai:chat:gpt-4o-mini", config: { apiBaseUrl: __UPSTREAM__ } }]
defaultTest:
  options:
    provider: { id: "openai:chat:gpt-4o-mini", config: { apiBaseUrl: "${judge.url}/v1" } }
tests:
${[0, 1, 2, 3, 4].map((i) => `  - { vars: { q: "answer ${i}" }, assert: [{ type: llm-rubric, value: "is polite" }] }`).join("\n")}
`,
      );
      const { results } = await run(config);
      const byIndex = results.sort((a, b) => (a.testIndex ?? 0) - (b.testIndex ?? 0));
      expect(byIndex.map((r) => r.pass)).toEqual([true, false, false, false, false]);
      expect(byIndex.map((r) => r.error === null)).toEqual([true, true, false, false, true]);
      expect(byIndex[2]!.error).toMatch(/neither pass nor fail/);
      // the judge saw the rubric and the output
      const firstJudgeCall = JSON.stringify(judge.requests[0]!.body);
      expect(firstJudgeCall).toContain("is polite");
      expect(firstJudgeCall).toContain("echo: answer 0");
    } finally {
      await judge.close();
    }
  });
});

describe("retries, cache, resume", () => {
  const simple = () =>
    writeConfig(
      `simple-${Math.random().toString(36).slice(2)}.yaml`,
      `prompts: ["{{q}}"]
providers: [{ id: "openai:chat:gpt-4o-mini", config: { apiBaseUrl: __UPSTREAM__ } }]
tests:
${[0, 1, 2, 3, 4, 5].map((i) => `  - { vars: { q: "item ${i}" }, assert: [{ type: contains, value: "item ${i}" }] }`).join("\n")}
`,
    );

  it("retries 429 and 5xx, honouring retry-after", async () => {
    upstream.script({ type: "error", status: 429, retryAfter: 1 }, { type: "error", status: 503 });
    const started = Date.now();
    const { results } = await run(simple(), { http: { baseDelayMs: 10 } });
    expect(results.every((r) => r.pass)).toBe(true);
    expect(upstream.requests).toHaveLength(8);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it("gives up after the retries with an error result", async () => {
    upstream.script(...Array.from({ length: 3 }, () => ({ type: "error" as const, status: 500 })));
    const { results, summary } = await run(simple(), { http: { retries: 2, baseDelayMs: 1 } });
    expect(summary.aggregate.stats.errors).toBe(1);
    expect(results.find((r) => r.error !== null)!.error).toMatch(/500/);
  });

  it("serves a repeated request from the on-disk cache, keyed by the full request", async () => {
    const cacheDir = join(work, "cache");
    const config = simple();
    await run(config, { http: { cacheDir } });
    expect(upstream.requests).toHaveLength(6);
    const second = await run(config, { http: { cacheDir } });
    expect(upstream.requests).toHaveLength(6);
    expect(second.results.every((r) => r.cached && r.pass)).toBe(true);
    // a different request (temperature) misses
    writeFileSync(config, readFileSync(config, "utf8").replace("config: {", "config: { temperature: 0.5,"));
    await run(config, { http: { cacheDir } });
    expect(upstream.requests).toHaveLength(12);
  });

  it("resumes an interrupted run without redoing finished tests", async () => {
    const config = simple();
    const { results } = await run(config);
    const lines = readFileSync(`${config}.jsonl`, "utf8").split("\n");
    // keep 3 results and half of a 4th line, as a kill would
    writeFileSync(`${config}.jsonl`, `${lines.slice(0, 3).join("\n")}\n${lines[3]!.slice(0, 20)}`);
    upstream.reset();
    const resumed = await run(config, { resume: true });
    expect(resumed.summary.resumed).toBe(3);
    expect(upstream.requests).toHaveLength(3);
    expect(resumed.summary.aggregate.stats.passed).toBe(results.length);
  });
});

describe("javascript sandbox", () => {
  it("isolates snippets from genchi's process and stops runaway ones", async () => {
    const { JavascriptSandbox } = await import("../src/javascript-sandbox.js");
    const { runJavascriptAssertion } = await import("../src/run-javascript-assertion.js");
    const sandbox = new JavascriptSandbox(300);
    const c = {
      vars: { city: "Paris" },
      prompt: "p",
      latencyMs: 1,
      costUsd: null,
      provider: "x",
      value: null,
      threshold: undefined,
    };
    try {
      expect(
        await runJavascriptAssertion("output.includes(context.vars.city)", "echo: Paris", c, sandbox),
      ).toMatchObject({ pass: true });
      expect(
        await runJavascriptAssertion(
          "typeof process === 'undefined' && typeof require === 'undefined'",
          "x",
          c,
          sandbox,
        ),
      ).toMatchObject({ pass: true });
      const loop = await runJavascriptAssertion("(() => { while (true) {} })()", "x", c, sandbox);
      expect(loop).toMatchObject({ pass: false });
      expect(loop.error).toMatch(/timed out/);
      // a fresh worker takes over
      expect(await runJavascriptAssertion("output === 'ok'", "ok", c, sandbox)).toMatchObject({ pass: true });
    } finally {
      sandbox.close();
    }
  });
});
