// Gateway A/B: this checkout's genchi against another checkout's (a base commit), side by side in
// one run, so a change to the gateway is judged under the same machine state as what it replaces.
//
//   git worktree add /tmp/base <commit> && ln -s "$PWD/node_modules" /tmp/base/node_modules \
//     && ln -s "$PWD/packages/server/node_modules" /tmp/base/packages/server/node_modules \
//     && (cd /tmp/base && npx tsc -b packages/server)
//   npm run build && node bench/gateway/versus.js --base /tmp/base [--requests 300] [--runs 3]
//
// Each run starts fresh processes: the bench upstream (20 ms), the minimal proxy, genchi from this
// checkout and genchi from --base (both on SQLite, with the same shadow config as run.js). Every
// path is warmed at c=32 for 2 s, then measured at c=1 in rotation (each iteration waits 20 ms
// idle, then sends one request on each path, starting at path i % 4), then at c=64 (three rounds
// of 5 s, the paths taking turns). Prints each run and the median over runs of genchi − base.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { agent, chatBody, pct, rotation, send, sleep, startChild, throughput } from "./bench-http.js";

const { values } = parseArgs({
  options: {
    base: { type: "string" },
    requests: { type: "string", default: "300" },
    runs: { type: "string", default: "3" },
    seconds: { type: "string", default: "5" },
  },
});
if (!values.base) {
  console.error("usage: node bench/gateway/versus.js --base DIR (a built checkout of another commit)");
  process.exit(2);
}
const root = new URL("../..", import.meta.url).pathname;
const key = "gk_bench_gateway_0000000000000000";
const n = Number(values.requests);
const path = "/v1/chat/completions";
const body = chatBody(false);
const median = (xs) => pct(xs, 50);

const firstLineJson = (out) => (out.includes("\n") ? JSON.parse(out.split("\n")[0]) : null);
const listening = (out) => {
  const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
  return m ? Number(m[1]) : null;
};

async function oneRun(dir) {
  const config = join(dir, "genchi.yaml");
  writeFileSync(
    config,
    "models:\n  shadow:\n    - route: shadowed\n      candidate: openai/gpt-4o-mini\n      sampleRate: 1\n",
  );
  const children = [];
  try {
    const up = await startChild(
      process.execPath,
      [join(root, "bench/gateway/upstream.js")],
      {},
      firstLineJson,
    );
    children.push(up.child);
    const min = await startChild(
      process.execPath,
      [join(root, "bench/gateway/min-proxy.js"), String(up.value.upstream)],
      {},
      (o) => firstLineJson(o)?.port,
    );
    children.push(min.child);
    const genchiAt = async (checkout, db) => {
      const g = await startChild(
        process.execPath,
        [
          join(checkout, "packages/server/bin/genchi.js"),
          "serve",
          "--port",
          "0",
          "--db",
          join(dir, db),
          "--upstream",
          `openai=http://127.0.0.1:${up.value.upstream}/v1`,
          "--config",
          config,
        ],
        { GENCHI_INIT_PROJECT_KEY: key },
        listening,
      );
      children.push(g.child);
      return g.value;
    };
    const genchiPort = await genchiAt(root, "this.db");
    const basePort = await genchiAt(values.base, "base.db");
    const via = { "x-genchi-key": key, "x-genchi-route": "bench" };
    const paths = {
      direct: () => send(up.value.upstream, path, body),
      minimal: () => send(min.value, path, body),
      genchi: () => send(genchiPort, path, body, via),
      base: () => send(basePort, path, body, via),
    };
    for (const worker of Object.values(paths)) await throughput(worker, 32, 2000);
    const names = Object.keys(paths);
    const { samples: ms } = await rotation(paths, { iterations: n, idleMs: 20 });
    const rps = Object.fromEntries(names.map((k) => [k, 0]));
    for (let round = 0; round < 3; round++) {
      const order = round % 2 === 0 ? names : [...names].reverse();
      for (const name of order)
        rps[name] += (await throughput(paths[name], 64, Number(values.seconds) * 1000)).rps / 3;
    }
    const added = (name, p) => pct(ms[name], p) - pct(ms.direct, p);
    return {
      minimal: added("minimal", 50),
      genchi: added("genchi", 50),
      base: added("base", 50),
      genchiP99: added("genchi", 99),
      baseP99: added("base", 99),
      genchiRps: rps.genchi / rps.direct,
      baseRps: rps.base / rps.direct,
    };
  } finally {
    for (const child of children) child.kill("SIGINT");
    await sleep(500);
  }
}

const f = (x) => x.toFixed(3);
const runs = [];
for (let r = 0; r < Number(values.runs); r++) {
  const dir = mkdtempSync(join(tmpdir(), "genchi-versus-"));
  const x = await oneRun(dir);
  rmSync(dir, { recursive: true, force: true });
  runs.push(x);
  console.log(
    `run ${r + 1}: added p50 c=1 — minimal ${f(x.minimal)}, genchi ${f(x.genchi)}, base ${f(x.base)} ms (genchi − base ${f(x.genchi - x.base)}); p99 genchi ${f(x.genchiP99)}, base ${f(x.baseP99)} ms; c=64 genchi ${(100 * x.genchiRps).toFixed(1)}%, base ${(100 * x.baseRps).toFixed(1)}% of direct`,
  );
}
console.log(
  `median over ${runs.length} runs: genchi − base at c=1 p50 ${f(median(runs.map((x) => x.genchi - x.base)))} ms; genchi − minimal ${f(median(runs.map((x) => x.genchi - x.minimal)))} ms; c=64 genchi − base ${(100 * median(runs.map((x) => x.genchiRps - x.baseRps))).toFixed(1)} points`,
);
agent.destroy();
