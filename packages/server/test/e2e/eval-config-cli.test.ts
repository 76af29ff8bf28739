/**
 * `genchi eval` refuses a bad config before any provider call (exit 2, one line, no stack):
 * misspelled keys with the nearest valid one, unknown assertion types, and promptfoo keys
 * genchi does not implement; the harmless promptfoo keys it accepts run as usual.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ScriptedUpstream, startScriptedUpstream } from "@genchi/scripted-upstream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGenchi } from "./eval-cli-harness.js";

const work = mkdtempSync(join(tmpdir(), "genchi-eval-config-"));
let upstream: ScriptedUpstream;

beforeAll(async () => {
  upstream = await startScriptedUpstream();
});
afterAll(async () => {
  await upstream.close();
});

const provider = () =>
  `providers: [{ id: "openai:chat:gpt-4o-mini", config: { apiBaseUrl: "${upstream.url}/v1" } }]`;

/** A valid three-test suite; `edit` changes its text (e.g. misspells a key). */
function config(name: string, edit: (text: string) => string = (t) => t): string {
  const text = `description: config checks
prompts: ["label {{n}}"]
${provider()}
tests:
  - vars: { n: 0 }
    assert: [{ type: contains, value: "label 0" }]
  - vars: { n: 1 }
    assert: [{ type: contains, value: "label 1" }]
  - vars: { n: 2 }
    assert:
      - type: contains
        value: "label 2"
`;
  const path = join(work, name);
  writeFileSync(path, edit(text));
  return path;
}

/** Runs the config; expects exit 2 with one error line, no stack trace and no upstream call. */
async function refused(path: string, ...flags: string[]): Promise<string> {
  upstream.reset();
  const r = await runGenchi(work, ["eval", path, "--no-cache", ...flags]);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr.trim().split("\n"), r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(upstream.requests).toHaveLength(0);
  return r.stderr.trim();
}

describe("genchi eval config checks", () => {
  it("names a misspelled key, its place and the nearest valid key", async () => {
    expect(await refused(config("top.yaml", (t) => t.replace("providers:", "provders:")))).toMatch(
      /top\.yaml:3: unknown key 'provders' at the top level; did you mean 'providers'\?$/,
    );
    expect(
      await refused(
        config("test.yaml", (t) =>
          t.replace("  - vars: { n: 2 }\n    assert:", "  - vars: { n: 2 }\n    asert:"),
        ),
      ),
    ).toMatch(/test\.yaml:10: unknown key 'asert' in tests\[2\]; did you mean 'assert'\?$/);
    expect(
      await refused(
        config("value.yaml", (t) => t.replace('        value: "label 2"', '        valeu: "label 2"')),
      ),
    ).toMatch(/value\.yaml:12: unknown key 'valeu' in tests\[2\]\.assert\[0\]; did you mean 'value'\?$/);
    expect(
      await refused(
        config("options.yaml", (t) =>
          t.replace("  - vars: { n: 1 }", "  - vars: { n: 1 }\n    options: { reapeat: 3 }"),
        ),
      ),
    ).toMatch(/options\.yaml:\d+: unknown key 'reapeat' in tests\[1\]\.options; did you mean 'repeat'\?$/);
    expect(
      await refused(config("eval-options.yaml", (t) => `${t}evaluateOptions: { maxConcurency: 2 }\n`)),
    ).toMatch(/unknown key 'maxConcurency' in evaluateOptions; did you mean 'maxConcurrency'\?$/);
  });

  it("checks tests read from a file, by file and line", async () => {
    writeFileSync(
      join(work, "tests.jsonl"),
      '{"vars":{"n":0},"assert":[{"type":"contains","value":"label 0"}]}\n{"vars":{"n":1},"asert":[]}\n',
    );
    const path = config("from-file.yaml", (t) => t.replace(/tests:[\s\S]*$/, "tests: file://tests.jsonl\n"));
    expect(await refused(path)).toMatch(
      /tests\.jsonl:2: unknown key 'asert' in the test; did you mean 'assert'\?$/,
    );
  });

  it("refuses an unknown assertion type before any provider call", async () => {
    expect(
      await refused(
        config("type.yaml", (t) =>
          t.replace('{ type: contains, value: "label 1" }', '{ type: contians, value: "label 1" }'),
        ),
      ),
    ).toMatch(
      /type\.yaml:8: unknown assertion type 'contians' in tests\[1\]\.assert\[0\]; did you mean 'contains'\?$/,
    );
    // a promptfoo assertion type genchi does not implement says so
    expect(
      await refused(config("python.yaml", (t) => t.replace("type: contains\n", "type: python\n"))),
    ).toMatch(/python\.yaml:11: .*genchi doesn't support promptfoo's assertion type 'python'/);
    expect(
      await refused(config("not.yaml", (t) => t.replace("type: contains\n", "type: not-contians\n"))),
    ).toMatch(/did you mean 'not-contains'\?$/);
  });

  it("refuses the promptfoo keys genchi does not implement, saying so", async () => {
    const cases: [string, (t: string) => string, RegExp][] = [
      ["scenarios", (t) => `${t}scenarios: []\n`, /'scenarios' at the top level: genchi doesn't support it/],
      [
        "providerOutput",
        (t) => t.replace("  - vars: { n: 0 }", "  - providerOutput: hi\n    vars: { n: 0 }"),
        /'providerOutput' in tests\[0\]: genchi doesn't support it/,
      ],
      [
        "rubricPrompt",
        (t) =>
          t.replace('        value: "label 2"', '        value: "label 2"\n        rubricPrompt: judge this'),
        /'rubricPrompt' in tests\[2\]\.assert\[0\]: genchi doesn't support it/,
      ],
      [
        "delay",
        (t) => `${t}evaluateOptions: { delay: 100 }\n`,
        /'delay' in evaluateOptions: genchi doesn't support it/,
      ],
      [
        "transformVars",
        (t) => t.replace("  - vars: { n: 1 }", "  - vars: { n: 1 }\n    options: { transformVars: 'vars' }"),
        /'transformVars' in tests\[1\]\.options: genchi doesn't support it/,
      ],
    ];
    cases.push([
      "file-transform",
      (t) =>
        t.replace('        value: "label 2"', '        value: "label 2"\n        transform: file://t.js'),
      /'transform' in tests\[2\]\.assert\[0\]: genchi runs inline JavaScript transforms only/,
    ]);
    for (const [name, edit, message] of cases)
      expect(await refused(config(`${name}.yaml`, edit)), name).toMatch(message);
    writeFileSync(join(work, "metric.csv"), "n,__expected,__metric\n0,contains: label 0,accuracy\n");
    expect(
      await refused(config("csv.yaml", (t) => t.replace(/tests:[\s\S]*$/, "tests: file://metric.csv\n"))),
    ).toMatch(/metric\.csv:1: .*'__metric'.*genchi doesn't support it/);
  });

  it("says what a wrong value should be", async () => {
    expect(
      await refused(
        config("threshold.yaml", (t) =>
          t.replace('        value: "label 2"', '        value: "label 2"\n        threshold: high'),
        ),
      ),
    ).toMatch(/threshold\.yaml:13: 'threshold' in tests\[2\]\.assert\[0\] must be a number/);
  });

  it("runs promptfoo's env, outputPath, targets (map form), list vars, prefix/suffix and disableDefaultAsserts", async () => {
    const path = join(work, "promptfoo-keys.yaml");
    writeFileSync(
      path,
      `prompts: ["label {{n}}"]
env: { OPENAI_BASE_URL: "${upstream.url}/v1" }
targets:
  - openai:chat:gpt-4o-mini: { label: mini }
outputPath: promptfoo-keys.json
defaultTest:
  options: { suffix: "!" }
  assert: [{ type: contains, value: "!" }]
tests:
  - description: one test per listed value
    vars: { n: [a, b, c] }
    assert: [{ type: regex, value: "^echo: label [abc]!$" }]
  - description: prefix, no default assertions
    vars: { n: d }
    options: { prefix: ">> ", suffix: "", disableDefaultAsserts: true }
    assert: [{ type: equals, value: "echo: >> label d!" }]
`,
    );
    upstream.reset();
    const r = await runGenchi(work, ["eval", path, "--no-cache"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(upstream.requests).toHaveLength(4);
    const out = JSON.parse(readFileSync(join(work, "promptfoo-keys.json"), "utf8"));
    expect(out.results.map((x: { vars: { n: string } }) => x.vars.n).sort()).toEqual(["a", "b", "c", "d"]);
    expect(
      out.results.every((x: { provider: string; pass: boolean }) => x.provider === "mini" && x.pass),
    ).toBe(true);
    expect(out.results.find((x: { vars: { n: string } }) => x.vars.n === "d").assertions).toHaveLength(1);
  });

  it("runs each prompt of a .txt split on --- lines, and transforms the output", async () => {
    writeFileSync(join(work, "two-prompts.txt"), "first {{n}}\n---\n\nsecond {{n}}\n");
    const path = join(work, "split.yaml");
    writeFileSync(
      path,
      `prompts: [file://two-prompts.txt]
${provider()}
tests:
  - vars: { n: 1 }
    options: { transform: "output.split(' ')[1]" }
    assert:
      - { type: regex, value: "^(first|second)$" }
      - { type: equals, value: FIRST, transform: output.toUpperCase() }
`,
    );
    upstream.reset();
    const r = await runGenchi(work, ["eval", path, "--no-cache", "--output", "split.json"]);
    expect(r.code).toBe(1);
    expect(upstream.requests.map((q) => JSON.stringify(q.body)).sort()).toEqual([
      expect.stringContaining('"content":"first 1"'),
      expect.stringContaining('"content":"second 1"'),
    ]);
    const out = JSON.parse(readFileSync(join(work, "split.json"), "utf8"));
    const byOutput = Object.fromEntries(
      out.results.map((x: { output: string; pass: boolean }) => [x.output, x.pass]),
    );
    expect(byOutput).toEqual({ first: true, second: false });
  });

  it("runs a suite with the harmless promptfoo keys genchi accepts", async () => {
    const path = config("harmless.yaml", (t) =>
      t
        .replace("  - vars: { n: 0 }", "  - vars: { n: 0 }\n    metadata: { owner: team-a }")
        .concat("metadata: { suite: labels }\ntags: { team: a }\nsharing: false\nwriteLatestResults: true\n"),
    );
    const r = await runGenchi(work, ["eval", path, "--no-cache"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("3 passed, 0 failed, 0 errors");
  });
});
