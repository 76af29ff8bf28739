#!/usr/bin/env node
/**
 * How long `genchi` takes to start, as users run it (its own process, wall time):
 *   - `node packages/server/bin/genchi.js --help` (the binary itself),
 *   - `npx genchi --help` from the repo root (npm's own start included),
 *   - a 1-test `genchi eval` against the scripted upstream (no delay, no cache),
 *   - the same through `genchi-eval`, the eval package's own binary (where the checkout has it),
 * with `node -e 0` as the floor. The cases run in rotation, `--runs N` rounds (default 15),
 * and the table gives median, min and max wall time of each and its median CPU time (user +
 * system, via /usr/bin/time), plus the load average before and after.
 * `--also DIR` measures another checkout's binary too (built, node_modules linked), e.g. an
 * older commit unpacked with `git archive`; its npx case is left out (npx needs a real install).
 *
 * Run after `npm run build`:  node bench/cli/start.js [--runs 15] [--also /tmp/genchi-before]
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startScriptedUpstream } from "../../packages/scripted-upstream/dist/index.js";

const args = process.argv.slice(2);
const flag = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const runs = Math.max(1, Number(flag("--runs") ?? 15));
const here = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");
const checkouts = [{ name: "this checkout", dir: here }];
if (flag("--also")) checkouts.push({ name: flag("--also"), dir: flag("--also") });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const seconds = (ms) => `${(ms / 1000).toFixed(3)} s`;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

const work = mkdtempSync(join(tmpdir(), "genchi-bench-cli-"));
const upstream = await startScriptedUpstream({ delayMs: 0 });
const suite = join(work, "one-test.yaml");
writeFileSync(
  suite,
  `description: bench 1 test
prompts: ["Classify ticket {{id}}: {{text}}"]
providers:
  - id: openai:chat:gpt-4o-mini
    config: { apiBaseUrl: "${upstream.url}/v1", temperature: 0 }
tests:
  - vars: { id: "T1", text: "my parcel never arrived" }
    assert:
      - type: contains
        value: T1
`,
);

// The CLI must not upload the eval run anywhere.
const env = { ...process.env };
delete env.GENCHI_URL;
delete env.GENCHI_KEY;

/**
 * Runs one command to its end under /usr/bin/time; resolves with its wall time and CPU time
 * (user + system, the part less moved by other work on the machine) in ms; rejects on a
 * non-zero exit.
 */
function time(command, argv, cwd) {
  const started = performance.now();
  const child = spawn("/usr/bin/time", ["-f", "cpu %U %S", command, ...argv], {
    cwd,
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => {
      const wall = performance.now() - started;
      const cpu = /^cpu ([\d.]+) ([\d.]+)$/m.exec(stderr);
      if (code === 0 && cpu) resolve({ wall, cpu: (Number(cpu[1]) + Number(cpu[2])) * 1000 });
      else reject(new Error(`${command} ${argv.join(" ")} exited ${code}: ${stderr.slice(0, 500)}`));
    });
  });
}

const cases = [
  { label: "node -e 0 (floor)", checkout: null, run: () => time(process.execPath, ["-e", "0"], here) },
];
for (const c of checkouts) {
  const bin = join(c.dir, "packages/server/bin/genchi.js");
  const results = join(work, `${cases.length}.results.jsonl`);
  cases.push(
    {
      label: "node …/bin/genchi.js --help",
      checkout: c.name,
      run: () => time(process.execPath, [bin, "--help"], c.dir),
    },
    ...(c.dir === here
      ? [
          {
            label: "npx genchi --help",
            checkout: c.name,
            run: () => time("npx", ["genchi", "--help"], c.dir),
          },
        ]
      : []),
    {
      label: "node …/bin/genchi.js eval (1 test)",
      checkout: c.name,
      run: () =>
        time(
          process.execPath,
          [bin, "eval", suite, "--no-cache", "--no-progress", "--results", results],
          c.dir,
        ),
    },
    ...(existsSync(join(c.dir, "packages/eval/bin/genchi-eval.js"))
      ? [
          {
            label: "node …/bin/genchi-eval.js (1 test)",
            checkout: c.name,
            run: () =>
              time(
                process.execPath,
                [
                  join(c.dir, "packages/eval/bin/genchi-eval.js"),
                  suite,
                  "--no-cache",
                  "--no-progress",
                  "--results",
                  `${results}.2`,
                ],
                c.dir,
              ),
          },
        ]
      : []),
  );
}

const loadBefore = load();
const times = cases.map(() => []);
for (const c of cases) await c.run(); // warm the file cache and npm's
for (let round = 0; round < runs; round++) {
  for (const [i, c] of cases.entries()) times[i].push(await c.run());
}
const loadAfter = load();
await upstream.close();

const rows = cases.map((c, i) => {
  const wall = times[i].map((t) => t.wall);
  return [
    c.label,
    c.checkout ?? "",
    seconds(median(wall)),
    seconds(Math.min(...wall)),
    seconds(Math.max(...wall)),
    seconds(median(times[i].map((t) => t.cpu))),
  ];
});
const head = ["command", "checkout", "median", "min", "max", "CPU median"];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(" | ")} |`;
console.log(
  `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, node ${process.version}, ${runs} runs each`,
);
console.log(`load average before: ${loadBefore}; after: ${loadAfter}\n`);
console.log(line(head));
console.log(line(widths.map((w) => "-".repeat(w))));
for (const r of rows) console.log(line(r));
