/**
 * `genchi eval` and `genchi eval compare` end to end (the built CLI against temp folders and
 * the scripted upstream): exit codes 0/1/2, JSON and JUnit outputs, a file:line config error,
 * the smallest-model table, and a migration gate on two runs with known flips.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ScriptedUpstream, startScriptedUpstream } from "@genchi/scripted-upstream";
import { evalResultsFileSchema } from "@genchi/spec";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGenchi } from "./eval-cli-harness.js";

const work = mkdtempSync(join(tmpdir(), "genchi-eval-cli-"));
let upstream: ScriptedUpstream;

beforeAll(async () => {
  upstream = await startScriptedUpstream();
});
afterAll(async () => {
  await upstream.close();
});

const genchi = (...args: string[]) => runGenchi(work, args);

/** A suite whose test i passes when the model echoes "label i"; `bad` lists tests whose var breaks that. */
function suite(name: string, model: string, bad: number[], providers?: string[]): string {
  const path = join(work, name);
  const ids = providers ?? [model];
  writeFileSync(
    path,
    `description: ${name}
prompts: ["label {{n}}"]
providers:
${ids.map((id) => `  - { id: "openai:chat:${id}", config: { apiBaseUrl: "${upstream.url}/v1", temperature: 0 } }`).join("\n")}
tests:
${Array.from({ length: 10 }, (_, i) => `  - { description: "case ${i}", vars: { n: "${bad.includes(i) ? `x${i}` : i}" }, assert: [{ type: contains, value: "label ${i}", metric: accuracy }] }`).join("\n")}
`,
  );
  return path;
}

describe("genchi eval", () => {
  it("writes JSON and JUnit, exits 0 when every test passes", async () => {
    const r = await genchi(
      "eval",
      suite("all-pass.yaml", "gpt-4o-mini", []),
      "--output",
      "out.json",
      "--junit",
      "out.xml",
      "--no-cache",
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = evalResultsFileSchema.parse(JSON.parse(readFileSync(join(work, "out.json"), "utf8")));
    // 10 tests, no repeats, --no-cache: every result is one upstream call.
    expect(out.stats).toEqual({ passed: 10, failed: 0, errors: 0, upstreamCalls: 10, cacheHits: 0 });
    expect(out.results[0]).toMatchObject({
      description: "case 0",
      provider: "openai:chat:gpt-4o-mini",
      pass: true,
      output: "echo: label 0",
      error: null,
    });
    const xml = readFileSync(join(work, "out.xml"), "utf8");
    expect(xml.match(/<testcase /g)).toHaveLength(10);
    expect(xml).toContain('failures="0"');
    expect(r.stdout).toContain("10 passed, 0 failed, 0 errors (pass rate 100.0%)");
  });

  it("gives every JUnit testcase its own name: test index, provider, prompt and repeat", async () => {
    const path = join(work, "junit-names.yaml");
    writeFileSync(
      path,
      `prompts: ["label {{n}}", "again {{n}}"]
providers:
${["gpt-4o", "gpt-4o-mini"].map((m) => `  - { id: "openai:chat:${m}", config: { apiBaseUrl: "${upstream.url}/v1" } }`).join("\n")}
tests:
  - { description: same name, vars: { n: 1 }, assert: [{ type: contains, value: "1" }] }
  - { description: same name, vars: { n: 2 }, assert: [{ type: contains, value: "1" }] }
`,
    );
    const r = await genchi("eval", path, "--no-cache", "--repeat", "2", "--junit", "names.xml");
    expect(r.code).toBe(1);
    const xml = readFileSync(join(work, "names.xml"), "utf8");
    const names = [...xml.matchAll(/<testcase [^>]*name="([^"]*)"/g)].map((m) => m[1]);
    expect(names).toHaveLength(2 * 2 * 2 * 2);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain("#2 same name · openai:chat:gpt-4o-mini · again {{n}} · repeat 2/2");
  });

  it("exits 1 when a gate fails and 0 when --fail-under allows it", async () => {
    const config = suite("two-fail.yaml", "gpt-4o-mini", [3, 7]);
    const strict = await genchi("eval", config, "--no-cache", "--junit", "f.xml");
    expect(strict.code).toBe(1);
    expect(readFileSync(join(work, "f.xml"), "utf8").match(/<failure /g)).toHaveLength(2);
    expect((await genchi("eval", config, "--no-cache", "--fail-under", "0.8")).code).toBe(0);
    expect((await genchi("eval", config, "--no-cache", "--fail-under", "85%")).code).toBe(1);
  });

  it("exits 2 with file:line and the fix on a bad config, and on bad usage", async () => {
    const path = join(work, "broken.yaml");
    writeFileSync(
      path,
      `prompts: ["{{q}}"]\nproviders:\n  - id: openai:chat:m\ntests:\n  - vars: { q: a }\n    assert:\n      - value: x\n`,
    );
    const r = await genchi("eval", path);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.yaml:7: assertion 1 has no type — add `type: contains`/);
    expect((await genchi("eval", path, "--max-concurrency", "zero")).code).toBe(2);
    expect((await genchi("eval", join(work, "missing.yaml"))).code).toBe(2);
  });

  it("prints a per-provider table with the Pareto front and the cheapest provider within tolerance", async () => {
    const config = suite("models.yaml", "", [], ["gpt-4o", "gpt-4o-mini"]);
    const r = await genchi("eval", config, "--no-cache", "--output", "models.json", "--tolerance", "5");
    expect(r.code).toBe(0);
    const out = JSON.parse(readFileSync(join(work, "models.json"), "utf8"));
    expect(out.providers).toHaveLength(2);
    expect(out.recommendation).toMatchObject({ type: "recommended", provider: "openai:chat:gpt-4o-mini" });
    expect(r.stdout).toContain("recommended: openai:chat:gpt-4o-mini");
  });
});

describe("genchi eval failure list", () => {
  it("lists each failing test with its failing assertion and reason, errors too, then a one-line summary", async () => {
    const config = join(work, "failures.yaml");
    writeFileSync(
      config,
      `prompts: ["label {{n}}"]
providers: [{ id: "openai:chat:gpt-4o-mini", config: { apiBaseUrl: "${upstream.url}/v1" } }]
tests:
  - description: all good
    vars: { n: 0 }
    assert: [{ type: contains, value: "label 0" }]
  - description: wrong label
    vars: { n: x1 }
    assert:
      - { type: icontains, value: LABEL }
      - { type: contains, value: "label 1" }
  - vars: { n: 2 }
    assert: [{ type: equals, value: "label 2" }]
  - description: crashes
    vars: { n: 3 }
    assert: [{ type: javascript, value: "output.nope.deeper" }]
`,
    );
    const r = await genchi("eval", config, "--no-cache");
    expect(r.code).toBe(1);
    const list = r.stdout.slice(r.stdout.indexOf("failures"));
    // the failing test by description, its failing assertion (type and short value) and reason
    expect(list).toMatch(/wrong label[^\n]*\n\s+contains "label 1": Expected output to contain "label 1"/);
    expect(list).not.toMatch(/icontains/);
    // a test without a description is named by its vars
    expect(list).toMatch(
      /\{"n":2\}[^\n]*\n\s+equals "label 2": Expected output "echo: label 2" to equal "label 2"/,
    );
    expect(list).toMatch(/crashes[^\n]*\n[^\n]*javascript[^\n]*nope/);
    expect(list).not.toMatch(/all good/);
    expect(r.stdout).toMatch(/^1 passed, 2 failed, 1 errors \(pass rate 25\.0%\)/m);
  });

  it("lists flaky tests under repeats as k of N passed, and tests that failed every repeat", async () => {
    const flaky = await startScriptedUpstream();
    try {
      const config = join(work, "repeat-list.yaml");
      writeFileSync(
        config,
        `prompts: ["question {{n}}"]
providers: [{ id: "openai:chat:gpt-4o-mini", config: { apiBaseUrl: "${flaky.url}/v1" } }]
tests:
${["steady", "broken", "wobbly"].map((d, i) => `  - { description: ${d}, vars: { n: ${i} }, assert: [{ type: equals, value: "yes" }] }`).join("\n")}
`,
      );
      // at concurrency 1 the runner goes repeat by repeat, test by test: steady always passes,
      // broken never, wobbly in 3 of 4 repeats
      const wobbly = ["yes", "no", "yes", "yes"];
      for (const w of wobbly)
        flaky.script(...["yes", "no", w].map((text) => ({ type: "text" as const, text })));
      const r = await genchi("eval", config, "--repeat", "4", "--max-concurrency", "1", "--no-cache");
      expect(r.code).toBe(1);
      const list = r.stdout.slice(r.stdout.indexOf("failures"));
      expect(list).toMatch(
        /broken[^\n]*0 of 4 passed[^\n]*\n\s+equals "yes": Expected output "no" to equal "yes"/,
      );
      expect(list).toMatch(/flaky[^\n]*\n[\s\S]*wobbly[^\n]*3 of 4 passed/);
      expect(list).not.toMatch(/steady/);
      expect(r.stdout).toMatch(/^7 passed, 5 failed, 0 errors \(pass rate 58\.3%\)/m);
    } finally {
      await flaky.close();
    }
  });
});

/** 30 answers, 16 "yes" and 14 "no" in a fixed shuffle: however they land on 6 tests × 5 repeats, some test gets both. */
function flakyAnswers(): { type: "text"; text: string }[] {
  const answers = Array.from({ length: 30 }, (_, i) => (i < 16 ? "yes" : "no"));
  let seed = 7;
  for (let i = answers.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [answers[i], answers[j]] = [answers[j]!, answers[i]!];
  }
  return answers.map((text) => ({ type: "text", text }));
}

describe("genchi eval --repeat", () => {
  it("sends every repeat upstream, cache on or off, and reports the flaky tests and the call count", async () => {
    const random = await startScriptedUpstream();
    try {
      const config = join(work, "flaky.yaml");
      writeFileSync(
        config,
        `prompts: ["question {{n}}"]
providers: [{ id: "openai:chat:gpt-4o-mini", config: { apiBaseUrl: "${random.url}/v1" } }]
tests:
${Array.from({ length: 6 }, (_, i) => `  - { description: "case ${i}", vars: { n: ${i} }, assert: [{ type: equals, value: "yes" }] }`).join("\n")}
`,
      );
      const cacheDir = join(work, "flaky-cache");
      // cache on (cold), cache off, cache on again (warm from the first run)
      for (const flags of [[], ["--no-cache"], []]) {
        random.reset();
        random.script(...flakyAnswers());
        const r = await genchi(
          "eval",
          config,
          "--repeat",
          "5",
          "--cache-dir",
          cacheDir,
          "--output",
          "flaky.json",
          "--fail-under",
          "0",
          ...flags,
        );
        expect(r.stderr).toBe("");
        expect(r.code).toBe(0);
        const calls = random.requests.filter((q) => q.path === "/v1/chat/completions").length;
        expect(calls, `upstream calls with flags [${flags.join(" ")}]`).toBe(30);
        const out = JSON.parse(readFileSync(join(work, "flaky.json"), "utf8"));
        expect(out.results).toHaveLength(30);
        expect(out.stats).toMatchObject({ upstreamCalls: 30, cacheHits: 0 });
        expect(r.stdout).toMatch(/30 upstream calls, 0 cache hits/);
        const passes = new Map<number, number>();
        for (const res of out.results as { testIndex: number; pass: boolean }[])
          passes.set(res.testIndex, (passes.get(res.testIndex) ?? 0) + (res.pass ? 1 : 0));
        const flaky = [...passes].filter(([, k]) => k > 0 && k < 5).map(([i]) => i);
        expect(flaky.length).toBeGreaterThan(0);
        const reported = (out.repeatMetrics as { testIndex: number; flaky: boolean }[])
          .filter((m) => m.flaky)
          .map((m) => m.testIndex);
        expect(reported.sort()).toEqual(flaky.sort());
      }
    } finally {
      await random.close();
    }
  });
});

describe("genchi eval compare", () => {
  it("lists the known flips, runs McNemar, and gates on the threshold", async () => {
    // before: 3 and 7 fail; after: 3 is fixed, 1, 5, 8 and 9 regress
    await genchi("eval", suite("before.yaml", "gpt-4o", [3, 7]), "--no-cache", "--output", "a.json");
    await genchi(
      "eval",
      suite("after.yaml", "gpt-4o-mini", [1, 5, 7, 8, 9]),
      "--no-cache",
      "--output",
      "b.json",
    );
    const r = await genchi("eval", "compare", "a.json", "b.json", "--output", "cmp.json");
    expect(r.code).toBe(1);
    const cmp = JSON.parse(readFileSync(join(work, "cmp.json"), "utf8"));
    expect(cmp.pairs).toBe(10);
    expect(cmp.regressions.map((f: { description: string }) => f.description)).toEqual([
      "case 1",
      "case 5",
      "case 8",
      "case 9",
    ]);
    expect(cmp.improvements.map((f: { description: string }) => f.description)).toEqual(["case 3"]);
    expect(cmp.passRateDelta).toBeCloseTo(-0.3, 10);
    expect(cmp.metricDeltas.accuracy).toBeCloseTo(-0.3, 10);
    // exact two-sided binomial: 2 * P(X ≤ 1 | n = 5, p = ½) = 2 * 6/32
    expect(cmp.mcnemar.pValue).toBeCloseTo(0.375, 10);
    expect(r.stdout).toContain("4 pass→fail, 1 fail→pass");
    expect((await genchi("eval", "compare", "a.json", "b.json", "--threshold", "30")).code).toBe(0);
    expect((await genchi("eval", "compare", "a.json", "missing.json")).code).toBe(2);
  });
});
