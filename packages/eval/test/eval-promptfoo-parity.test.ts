/**
 * Acceptance: genchi gives the same pass/fail per test as promptfoo@0.121.20 on the parity
 * configs, against the same scripted upstream (verdicts recorded by
 * scripts/promptfoo/record-verdicts.mjs into __fixtures__/promptfoo/verdicts.json).
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startScriptedUpstream } from "@genchi/scripted-upstream";
import type { EvalResult } from "@genchi/spec";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs helper shared with the recorder script
import { startParityUpstreams, substitute } from "../../../scripts/promptfoo/parity-upstreams.mjs";
import { createProvider } from "../src/eval-provider.js";
import { createHttpClient } from "../src/http-client.js";
import { evalAssertions } from "../src/io-assertions.js";
import { loadEvalConfig } from "../src/load-eval-config.js";
import { runEval } from "../src/run-eval.js";

const fixtures = fileURLToPath(new URL("../src/__fixtures__/promptfoo/", import.meta.url));
const recorded = JSON.parse(readFileSync(join(fixtures, "verdicts.json"), "utf8")) as {
  promptfoo: string;
  configs: Record<string, { testIndex: number; promptIndex: number; description: string; pass: boolean }[]>;
};

type Upstreams = { urls: Record<string, string>; close(): Promise<void> };
let upstreams: Upstreams;
const work = mkdtempSync(join(tmpdir(), "genchi-parity-"));

beforeAll(async () => {
  upstreams = (await startParityUpstreams(startScriptedUpstream)) as Upstreams;
  // files the configs read (prompt files) sit next to them
  for (const name of readdirSync(fixtures))
    if (!name.endsWith(".yaml") && name !== "verdicts.json")
      copyFileSync(join(fixtures, name), join(work, name));
});
afterAll(async () => {
  await upstreams.close();
});

describe(`promptfoo ${recorded.promptfoo} parity`, () => {
  for (const [name, verdicts] of Object.entries(recorded.configs)) {
    it(`${name}: same pass/fail per test as promptfoo`, async () => {
      const config = join(work, name);
      writeFileSync(config, substitute(readFileSync(join(fixtures, name), "utf8"), upstreams));
      const suite = loadEvalConfig(config);
      const http = createHttpClient({ cacheDir: undefined });
      const resultsFile = join(work, `${name}.jsonl`);
      await runEval({
        suite,
        providers: suite.providers.map((p) => createProvider(p, http)),
        registry: evalAssertions({ http }),
        resultsFile,
        concurrency: 4,
      });
      const results = readFileSync(resultsFile, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as EvalResult & { promptIndex: number })
        .sort((a, b) => (a.testIndex ?? 0) - (b.testIndex ?? 0) || a.promptIndex - b.promptIndex);
      expect(results.length).toBe(verdicts.length);
      const ours = results.map((r) => ({ description: r.description, prompt: r.promptIndex, pass: r.pass }));
      const theirs = verdicts.map((v) => ({
        description: v.description,
        prompt: v.promptIndex,
        pass: v.pass,
      }));
      expect(ours).toEqual(theirs);
      // the suites exercise both outcomes
      expect(new Set(theirs.map((t) => t.pass)).size).toBe(2);
    });
  }
});
