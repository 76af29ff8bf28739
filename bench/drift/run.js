// Drift benchmark, run as users run it (`genchi drift` in its own process, wall time):
//   1. structural report (descriptors only) for 10,000 baseline vs 50,000 current calls;
//   2. semantic drift with the default offline embedder on 2,000 + 2,000 calls (all distinct
//      texts), cold (empty embeddings cache) and again with the cache filled; wall time of the
//      whole command (start-up and descriptors included).
//
//   node bench/drift/run.js [--baseline 10000] [--current 50000] [--sample 2000]
//
// Needs a build (`npm run build`). Data is generated with known shifts (typos in 30% of current
// inputs, 20% of outputs as JSON lists, a new topic at 15%) into bench/drift/.data.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { generateCalls } from "@genchi/scripted-upstream/generated-calls";

const { values } = parseArgs({
  options: {
    baseline: { type: "string", default: "10000" },
    current: { type: "string", default: "50000" },
    sample: { type: "string", default: "2000" },
  },
});
const root = new URL("../..", import.meta.url).pathname;
const bin = join(root, "packages/server/bin/genchi.js");
const data = join(root, "bench/drift/.data");
rmSync(data, { recursive: true, force: true });
mkdirSync(data, { recursive: true });

function write(name, calls) {
  const path = join(data, name);
  const lines = calls.map((c) =>
    JSON.stringify({
      input: [
        { role: "system", content: "Classify the support request. Answer as JSON." },
        { role: "user", content: c.input },
      ],
      output: c.output,
    }),
  );
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

const baseline = write(
  "baseline.jsonl",
  generateCalls({ n: Number(values.baseline), seed: 1, orderNumbers: true }),
);
const current = write(
  "current.jsonl",
  generateCalls({
    n: Number(values.current),
    seed: 2,
    orderNumbers: true,
    typoShare: 0.3,
    arrayOutputShare: 0.2,
    newTopicShare: 0.15,
  }),
);

// The semantic case compares 2,000 + 2,000 calls (so the sample is every call).
const sampleSize = Number(values.sample);
const baselineSample = write(
  "baseline-sample.jsonl",
  generateCalls({ n: sampleSize, seed: 3, orderNumbers: true }),
);
const currentSample = write(
  "current-sample.jsonl",
  generateCalls({
    n: sampleSize,
    seed: 4,
    orderNumbers: true,
    typoShare: 0.3,
    arrayOutputShare: 0.2,
    newTopicShare: 0.15,
  }),
);

function drift(label, args, files = [baseline, current]) {
  const started = process.hrtime.bigint();
  const r = spawnSync(
    process.execPath,
    [bin, "drift", "--baseline", files[0], "--current", files[1], ...args],
    {
      cwd: data,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`${label} failed (${r.status}): ${r.stderr}`);
  return seconds;
}

const results = [];
const structuralOut = join(data, "structural.json");
const structural = drift("structural", ["--no-semantic", "--output", structuralOut]);
const report = JSON.parse(readFileSync(structuralOut, "utf8"));
const flagged = report.findings.filter((f) => f.drifted).map((f) => `${f.side}.${f.descriptor}`);
results.push({
  case: `structural ${values.baseline} vs ${values.current}`,
  seconds: structural,
  budget: 5,
  note: `flagged: ${flagged.join(", ")}`,
});

const cache = join(data, "embeddings-cache");
const semanticArgs = ["--sample", values.sample, "--cache-dir", cache];
const semanticOut = join(data, "semantic.json");
const samples = [baselineSample, currentSample];
const cold = drift("semantic cold", [...semanticArgs, "--output", semanticOut], samples);
const semantic = JSON.parse(readFileSync(semanticOut, "utf8"));
const uncovered = semantic.clusters.filter((c) => c.uncovered);
results.push({
  case: `semantic ${values.sample} + ${values.sample}, cold`,
  seconds: cold,
  budget: 60,
  note: `AUC ${semantic.semantic.domainClassifierAuc.toFixed(3)}, k=${semantic.semantic.clusterCount}, uncovered: ${uncovered
    .map((c) => `${(c.share * 100).toFixed(0)}% [${c.terms.slice(0, 3).join(" ")}]`)
    .join("; ")}`,
});
const cached = drift(
  "semantic cached",
  [...semanticArgs, "--output", join(data, "semantic-cached.json")],
  samples,
);
results.push({
  case: `semantic ${values.sample} + ${values.sample}, cached`,
  seconds: cached,
  budget: 5,
  note: "",
});

for (const r of results)
  console.log(
    `${r.case.padEnd(36)} ${r.seconds.toFixed(2).padStart(7)} s  (budget ${r.budget} s: ${r.seconds <= r.budget ? "ok" : "OVER"})  ${r.note}`,
  );
console.log(
  `node ${process.version}, load average ${(await import("node:os"))
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")}`,
);
