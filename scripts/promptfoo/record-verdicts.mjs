#!/usr/bin/env node
/**
 * Records promptfoo@0.121.20's per-test verdicts on genchi's parity configs
 * (packages/eval/src/__fixtures__/promptfoo/*.yaml) against the scripted upstream,
 * into verdicts.json next to them. Run by hand after `npm run build`:
 *   node scripts/promptfoo/record-verdicts.mjs
 * The regular test suite compares genchi's verdicts with this file.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startScriptedUpstream } from "../../packages/scripted-upstream/dist/index.js";
import { startParityUpstreams, substitute } from "./parity-upstreams.mjs";
import { ensurePromptfoo, promptfooVersion, runPromptfoo } from "./promptfoo-runner.mjs";

const fixtures = fileURLToPath(new URL("../../packages/eval/src/__fixtures__/promptfoo/", import.meta.url));
const bin = ensurePromptfoo();
const upstreams = await startParityUpstreams(startScriptedUpstream);
const work = mkdtempSync(join(tmpdir(), "genchi-promptfoo-"));
const recorded = { promptfoo: promptfooVersion, recordedAt: new Date().toISOString(), configs: {} };
// files the configs read (prompt files) sit next to them
for (const name of readdirSync(fixtures))
  if (!name.endsWith(".yaml") && name !== "verdicts.json")
    copyFileSync(join(fixtures, name), join(work, name));
try {
  for (const name of readdirSync(fixtures)
    .filter((f) => f.endsWith(".yaml"))
    .sort()) {
    const config = join(work, name);
    writeFileSync(config, substitute(readFileSync(join(fixtures, name), "utf8"), upstreams));
    const output = join(work, `${name}.json`);
    const run = await runPromptfoo(bin, config, output, ["-j", "4"]);
    if (run.status !== 0 && run.status !== 100) {
      throw new Error(`promptfoo failed on ${name} (exit ${run.status}):\n${run.stderr}\n${run.stdout}`);
    }
    const out = JSON.parse(readFileSync(output, "utf8"));
    const rows = out.results.results
      .map((r) => ({
        testIndex: r.testIdx,
        promptIndex: r.promptIdx,
        description: r.testCase?.description ?? null,
        pass: r.success === true,
        output:
          typeof r.response?.output === "string"
            ? r.response.output
            : JSON.stringify(r.response?.output ?? null),
        reason: r.gradingResult?.reason ?? r.error ?? null,
      }))
      .sort((a, b) => a.testIndex - b.testIndex || a.promptIndex - b.promptIndex);
    recorded.configs[name] = rows;
    process.stdout.write(`${name}: ${rows.filter((r) => r.pass).length}/${rows.length} pass\n`);
  }
  writeFileSync(join(fixtures, "verdicts.json"), `${JSON.stringify(recorded, null, 2)}\n`);
} finally {
  await upstreams.close();
}
