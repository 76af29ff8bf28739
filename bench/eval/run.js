#!/usr/bin/env node
/**
 * genchi eval vs promptfoo@0.121.20, side by side in one run (promptfoo installed outside the
 * project by scripts/promptfoo/promptfoo-runner.mjs):
 *   1. the same 500-test config (contains + is-json + javascript per test) against a 20 ms
 *      scripted upstream, concurrency 16, no cache: wall time of each;
 *   2. a 1-test suite: wall time of each;
 *   3. a 100,000-test suite (tests from a JSONL file) run by genchi: wall time and peak RSS.
 * Steps 1 and 2 run `--runs N` times (default 3), each run side by side, and the report gives
 * every run and the medians (wall-clock numbers are noisy on a shared machine), plus the load
 * average before and after.
 * Run after `npm run build`:  node bench/eval/run.js [--skip-promptfoo] [--big 100000] [--runs 3]
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startScriptedUpstream } from "../../packages/scripted-upstream/dist/index.js";
import { ensurePromptfoo, runPromptfoo } from "../../scripts/promptfoo/promptfoo-runner.mjs";

const args = process.argv.slice(2);
const skipPromptfoo = args.includes("--skip-promptfoo");
const bigAt = args.indexOf("--big");
const bigCount = bigAt >= 0 ? Number(args[bigAt + 1]) : 100_000;
const runsAt = args.indexOf("--runs");
const runs = runsAt >= 0 ? Math.max(1, Number(args[runsAt + 1])) : 3;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x) => Math.round(x * 1000) / 1000;
const load = () => loadavg().map((x) => Math.round(x * 100) / 100);
const genchiBin = fileURLToPath(new URL("../../packages/server/bin/genchi.js", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "genchi-bench-eval-"));

function config(upstreamUrl, tests, name) {
  const path = join(work, name);
  const head = `description: bench ${name}
prompts: ["Classify ticket {{id}}: {{text}}"]
providers:
  - id: openai:chat:gpt-4o-mini
    config: { apiBaseUrl: "${upstreamUrl}/v1", temperature: 0, response_format: { type: json_object } }
defaultTest:
  assert:
    - type: contains
      value: Classify
    - type: is-json
    - type: javascript
      value: JSON.parse(output).echo.includes(context.vars.id)
`;
  if (typeof tests === "string") writeFileSync(path, `${head}tests: file://${tests}\n`);
  else
    writeFileSync(
      path,
      `${head}tests:\n${tests.map((t) => `  - vars: { id: "${t.id}", text: "${t.text}" }`).join("\n")}\n`,
    );
  return path;
}

const testsOf = (n) =>
  Array.from({ length: n }, (_, i) => ({ id: `T${i}`, text: `my parcel ${i} never arrived` }));

/** Runs genchi eval; polls the child's VmHWM for peak RSS. */
function runGenchi(cfg, extra = []) {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      genchiBin,
      "eval",
      cfg,
      "--no-cache",
      "--no-progress",
      "--max-concurrency",
      "16",
      "--results",
      `${cfg}.jsonl`,
      ...extra,
    ],
    {
      cwd: work,
      env: { ...process.env, OPENAI_API_KEY: "sk-bench" },
    },
  );
  let stdout = "";
  let stderr = "";
  let peakKb = 0;
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const poll = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
    } catch {}
  }, 50);
  return new Promise((resolve) =>
    child.on("close", (status) => {
      clearInterval(poll);
      resolve({ status, stdout, stderr, wallMs: performance.now() - started, peakMb: peakKb / 1024 });
    }),
  );
}

const passedOf = (text) => /passed (\d+), failed (\d+), errors (\d+)/.exec(text)?.slice(1).map(Number);

const upstream = await startScriptedUpstream({ delayMs: 20 });
const trim = setInterval(() => upstream.reset(), 2000); // the recorder would otherwise grow
const report = { date: new Date().toISOString(), runs, loadBefore: load() };
try {
  const c500 = config(upstream.url, testsOf(500), "bench-500.yaml");
  const c1 = config(upstream.url, testsOf(1), "bench-1.yaml");
  const bin = skipPromptfoo ? null : ensurePromptfoo();
  const each = [];
  for (let run = 0; run < runs; run++) {
    const g500 = await runGenchi(c500);
    const g1 = await runGenchi(c1);
    if (g500.status !== 0) process.stderr.write(g500.stdout + g500.stderr);
    const row = {
      genchi500: { wallS: round(g500.wallMs / 1000), counts: passedOf(g500.stdout), status: g500.status },
      genchi1: { wallS: round(g1.wallMs / 1000), status: g1.status },
    };
    if (bin) {
      const p500 = await runPromptfoo(bin, c500, join(work, "pf500.json"), ["-j", "16"]);
      const p1 = await runPromptfoo(bin, c1, join(work, "pf1.json"), ["-j", "16"]);
      const pf = JSON.parse(readFileSync(join(work, "pf500.json"), "utf8"));
      row.promptfoo500 = {
        wallS: round(p500.wallMs / 1000),
        passed: pf.results.stats.successes,
        failed: pf.results.stats.failures,
        status: p500.status,
      };
      row.promptfoo1 = { wallS: round(p1.wallMs / 1000), status: p1.status };
      row.ratio500 = round(row.genchi500.wallS / row.promptfoo500.wallS);
    }
    each.push(row);
    process.stderr.write(`run ${run + 1}/${runs}: ${JSON.stringify(row)}\n`);
  }
  report.median = {
    genchi500S: median(each.map((r) => r.genchi500.wallS)),
    genchi1S: median(each.map((r) => r.genchi1.wallS)),
    ...(bin
      ? {
          promptfoo500S: median(each.map((r) => r.promptfoo500.wallS)),
          promptfoo1S: median(each.map((r) => r.promptfoo1.wallS)),
          ratio500: median(each.map((r) => r.ratio500)),
        }
      : {}),
  };
  report.each = each;
  if (bigCount > 0) {
    await upstream.close();
    const fast = await startScriptedUpstream({ delayMs: 0 });
    const interval = setInterval(() => fast.reset(), 1000);
    const jsonl = join(work, "big-tests.jsonl");
    const lines = [];
    for (const t of testsOf(bigCount)) lines.push(JSON.stringify({ vars: t }));
    writeFileSync(jsonl, `${lines.join("\n")}\n`);
    const big = config(fast.url, jsonl, "bench-big.yaml");
    const g = await runGenchi(big, ["--output", join(work, "big.json")]);
    clearInterval(interval);
    await fast.close();
    report.genchiBig = {
      tests: bigCount,
      wallS: g.wallMs / 1000,
      peakRssMb: g.peakMb,
      counts: passedOf(g.stdout),
      status: g.status,
    };
    if (g.status !== 0) process.stderr.write(g.stdout + g.stderr);
  }
} finally {
  clearInterval(trim);
  await upstream.close().catch(() => {});
}
report.loadAfter = load();
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
