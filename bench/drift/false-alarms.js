// Drift false alarms: how often a full drift report (every descriptor, both sides) flags drift
// when baseline and current come from one distribution, at the demo's sizes (10,000 baseline vs
// 50,000 current calls). A trial draws both sides with two seeds of one generator and counts as
// a false alarm when any descriptor finding is drifted. Three generators, 4 trials each:
//   generated   — the drift benchmark's support tickets (generateCalls, order numbers, JSON answers);
//   categorize  — the demo's `categorize` route before its shift (listings in, JSON out);
//   support     — the demo's `support-reply` route before its shift (tickets in, prose out).
// Then one shifted run per generator, to show the seeded shifts are still found: the benchmark's
// (typos in 30% of inputs, 20% of outputs as JSON lists, a new topic at 15%) and the demo's own
// (the last 3 days: mobile typing with typos, a pet-tech product line).
//
//   node bench/drift/false-alarms.js [--trials 4] [--baseline 10000] [--current 50000] [--only generated,categorize,support]
//
// Needs a build (`npx tsc -b packages/server`). Descriptors only (the semantic part embeds texts
// and is not a descriptor finding). Deterministic: the seeds are fixed.
import { parseArgs } from "node:util";
import { demoTraffic, shiftMs } from "@genchi/demo";
import { generateCalls } from "@genchi/scripted-upstream/generated-calls";
import { runDrift } from "../../packages/server/dist/features/drift/run-drift.js";

const { values } = parseArgs({
  options: {
    trials: { type: "string", default: "4" },
    baseline: { type: "string", default: "10000" },
    current: { type: "string", default: "50000" },
    only: { type: "string", default: "generated,categorize,support" },
  },
});
const trials = Number(values.trials);
const sizes = { baseline: Number(values.baseline), current: Number(values.current) };
const only = new Set(values.only.split(","));

const system = "Classify the support request. Answer as JSON.";
const asRecords = (calls) =>
  calls.map((c) => ({
    input: [
      { role: "system", content: system },
      { role: "user", content: c.input },
    ],
    output: c.output,
  }));

/** The demo's ok calls of one route, before (or within) its shift window: `n` of them. */
const nowMs = Date.parse("2026-11-28T12:00:00Z");
function demoCalls(route, seed, n, shifted = false) {
  const out = [];
  // Each demo call is categorize (62%) or support-reply; the shift window is the last 3 of 14 days.
  const share = (route === "categorize" ? 0.6 : 0.36) * (shifted ? 3 / 14 : 11 / 14);
  const days = 14;
  const calls = Math.ceil((n / share) * 1.1);
  for (const { call } of demoTraffic({ calls, seed, nowMs, days })) {
    const inShift = Date.parse(call.timestamp) >= nowMs - shiftMs;
    if (call.route !== route || call.status === "error" || inShift !== shifted) continue;
    out.push({ input: call.input, output: call.output });
    if (out.length === n) break;
  }
  if (out.length < n) throw new Error(`demo ${route}: only ${out.length} of ${n} calls`);
  return out;
}

const generators = {
  generated: {
    same: (t) => [
      asRecords(generateCalls({ n: sizes.baseline, seed: 1000 + t, orderNumbers: true })),
      asRecords(generateCalls({ n: sizes.current, seed: 2000 + t, orderNumbers: true })),
    ],
    shifted: () => [
      asRecords(generateCalls({ n: sizes.baseline, seed: 1, orderNumbers: true })),
      asRecords(
        generateCalls({
          n: sizes.current,
          seed: 2,
          orderNumbers: true,
          typoShare: 0.3,
          arrayOutputShare: 0.2,
          newTopicShare: 0.15,
        }),
      ),
    ],
  },
  categorize: {
    same: (t) => [
      demoCalls("categorize", 1000 + t, sizes.baseline),
      demoCalls("categorize", 2000 + t, sizes.current),
    ],
    shifted: () => [
      demoCalls("categorize", 42, sizes.baseline),
      demoCalls("categorize", 43, Math.min(sizes.current, 20_000), true),
    ],
  },
  support: {
    same: (t) => [
      demoCalls("support-reply", 1000 + t, sizes.baseline),
      demoCalls("support-reply", 2000 + t, sizes.current),
    ],
    shifted: () => [
      demoCalls("support-reply", 42, sizes.baseline),
      demoCalls("support-reply", 43, Math.min(sizes.current, 20_000), true),
    ],
  },
};

const label = (f) => `${f.side}.${f.descriptor}`;
const detail = (f) =>
  f.effect !== undefined
    ? `${label(f)} (${f.test}, ${f.effectSize === "ks_d" ? "D" : "h"} ${f.effect.toFixed(3)} ≥ ${f.minEffect}, adj. p ${f.adjustedPValue.toExponential(1)})`
    : `${label(f)} (${f.test} ${f.statistic.toPrecision(3)} vs ${f.threshold.toPrecision(3)})`;

let alarms = 0;
let total = 0;
const perGenerator = [];
for (const [name, generator] of Object.entries(generators)) {
  if (!only.has(name)) continue;
  let flaggedTrials = 0;
  for (let t = 0; t < trials; t++) {
    const [baseline, current] = generator.same(t);
    const report = await runDrift(baseline, current, { seed: t + 1 });
    const flagged = report.findings.filter((f) => f.drifted);
    const skipped = report.skipped?.map((s) => `${s.side}.${s.descriptor}`) ?? [];
    if (flagged.length > 0) flaggedTrials++;
    console.log(
      `${name} trial ${t + 1}: ${baseline.length} vs ${current.length}, ${flagged.length} of ${report.findings.length} flagged${
        flagged.length ? `: ${flagged.map(detail).join(", ")}` : ""
      }${skipped.length ? ` | skipped: ${skipped.join(", ")}` : ""}`,
    );
  }
  alarms += flaggedTrials;
  total += trials;
  perGenerator.push(`${name} ${flaggedTrials}/${trials}`);
}
console.log(
  `\nfalse alarms (reports with any drifted descriptor): ${alarms} of ${total} trials (${perGenerator.join(", ")})`,
);

console.log("\nseeded shifts (one run each):");
for (const [name, generator] of Object.entries(generators)) {
  if (!only.has(name)) continue;
  const [baseline, current] = generator.shifted();
  const report = await runDrift(baseline, current, { seed: 1 });
  const flagged = report.findings.filter((f) => f.drifted);
  console.log(
    `${name} shifted: ${baseline.length} vs ${current.length}, ${flagged.length} of ${report.findings.length} flagged: ${
      flagged.map(detail).join(", ") || "nothing"
    }`,
  );
}
