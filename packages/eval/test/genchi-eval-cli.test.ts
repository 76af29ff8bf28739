/**
 * `genchi-eval`, the eval package's own binary, end to end against temp folders and the
 * scripted upstream: a suite runs and writes its results, a gate fails with exit 1, bad usage
 * exits 2 with one line and the usage line, before any work.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ScriptedUpstream, startScriptedUpstream } from "@genchi/scripted-upstream";
import { evalResultsFileSchema } from "@genchi/spec";
import { runCli } from "@genchi/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../bin/genchi-eval.js", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "genchi-eval-bin-"));
let upstream: ScriptedUpstream;

beforeAll(async () => {
  upstream = await startScriptedUpstream();
});
afterAll(async () => {
  await upstream.close();
});

const genchiEval = (...args: string[]) =>
  runCli(process.execPath, [bin, ...args], { cwd: work, env: { ...process.env, OPENAI_API_KEY: "sk-test" } });

/** Two tests: the upstream echoes the prompt, so "label 1" passes and "label x" fails. */
function suite(): string {
  const path = join(work, "suite.yaml");
  writeFileSync(
    path,
    `prompts: ["label {{n}}"]
providers: [{ id: "openai:chat:gpt-4o-mini", config: { apiBaseUrl: "${upstream.url}/v1" } }]
tests:
  - { vars: { n: "1" }, assert: [{ type: contains, value: "label 1" }] }
  - { vars: { n: "x" }, assert: [{ type: contains, value: "label 2" }] }
`,
  );
  return path;
}

describe("genchi-eval", () => {
  it("runs a suite, writes JSON, and exits 1 when the gate fails (1 of 2 passed)", async () => {
    const r = await genchiEval(suite(), "--no-cache", "--output", "out.json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const out = evalResultsFileSchema.parse(JSON.parse(readFileSync(join(work, "out.json"), "utf8")));
    expect(out.stats).toEqual({ passed: 1, failed: 1, errors: 0, upstreamCalls: 2, cacheHits: 0 });
    expect(r.stdout).toContain("1 passed, 1 failed, 0 errors (pass rate 50.0%)");
    const gateOk = await genchiEval(suite(), "--no-cache", "--fail-under", "0.5");
    expect(gateOk.code).toBe(0);
  });

  const badUsage: [string[], string][] = [
    [[], "genchi-eval"],
    [["suite.yaml", "--bogus"], "genchi-eval"],
    [["suite.yaml", "--repeat", "zero"], "genchi-eval"],
    [["compare", "a.json"], "genchi-eval compare"],
  ];
  it.each(badUsage)(
    "%j exits 2 with one error line and its usage line, before any work",
    async (args, usage) => {
      const r = await genchiEval(...args, "--output", "never.json");
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.trimEnd().split("\n")).toEqual([
        expect.stringMatching(`^${usage}: \\S`),
        expect.stringMatching(`^Usage: ${usage} `),
      ]);
      expect(existsSync(join(work, "never.json"))).toBe(false);
    },
  );

  it("--help exits 0 and names the command genchi-eval", async () => {
    const r = await genchiEval("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: genchi-eval /);
  });
});
