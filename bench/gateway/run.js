// Gateway benchmark: what genchi's gateway adds to an LLM call, side by side in one run.
//
//   npm run build && node bench/gateway/run.js [--requests 800] [--rss-requests 50000] [--delay 20]
//                                              [--seconds 5] [--rounds 2]
//
// Processes: the bench upstream (a bare server for the floor + a 20 ms OpenAI-compatible server,
// and a naive pipe proxy), a minimal proxy in its own process (min-proxy.js: what one more process
// on the path costs), `genchi serve` (SQLite, as users run it, logging every call), and this load
// generator.
// Measures: the floor (round trip of a bare loopback request), added latency at concurrency 1,
// streamed time to first token, throughput at concurrency 64, added latency with shadowing at
// 100%, and genchi's RSS over --rss-requests requests.
//
// Concurrency 1 is measured in rotation, so that every path meets the same machine state (on a
// VM that state drifts over tens of seconds; separate phases per path compared paths measured
// under different conditions). One loop of --requests iterations covers the non-streamed paths:
// each iteration waits --delay ms idle, sends one bare round trip (the paced floor), then one
// request on each of direct, via genchi, naive proxy, minimal proxy, one after the other, starting
// at path i % 4 in iteration i. "Added" = p50 (or p99) of a path − that of direct, from the same
// loop. A second loop of the same shape measures streamed time to first token, direct and via
// genchi.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { agent, chatBody, pct, rotation, send, startChild, throughput } from "./bench-http.js";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "800" },
    "rss-requests": { type: "string", default: "50000" },
    delay: { type: "string", default: "20" },
    seconds: { type: "string", default: "5" },
    rounds: { type: "string", default: "2" },
    /** Write a CPU profile of genchi to this folder. */
    profile: { type: "string" },
  },
});
const n = Number(values.requests);
const delay = Number(values.delay);
const rssRequests = Number(values["rss-requests"]);
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const root = new URL("../..", import.meta.url).pathname;
const key = "gk_bench_gateway_0000000000000000";
const dir = mkdtempSync(join(tmpdir(), "genchi-bench-gateway-"));

const bodies = { plain: chatBody(false), stream: chatBody(true) };

const f = (x) => (x === null || x === undefined ? "–" : x.toFixed(2));
const rssOf = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))[1]) / 1024;

/** c=1 rotations as this bench runs them: --requests iterations, each after --delay ms idle and a bare round trip (the paced floor). */
const rotationOf = (field = "ms") => ({
  iterations: n,
  idleMs: delay,
  field,
  floor: () => send(ports.floor, "/", "{}"),
});

/** p50 and p99 of the direct and the proxied samples, what the proxy adds, and the paced floor. */
function added(direct, via, floor) {
  const out = {
    directP50: pct(direct, 50),
    viaP50: pct(via, 50),
    directP99: pct(direct, 99),
    viaP99: pct(via, 99),
  };
  return {
    ...out,
    addedP50: out.viaP50 - out.directP50,
    addedP99: out.viaP99 - out.directP99,
    floorP50: pct(floor, 50),
  };
}

/** Two paths alone in a rotation (they alternate which goes first): what b adds to a. */
async function sideBySide(a, b) {
  const { samples, floor } = await rotation({ a, b }, rotationOf());
  return added(samples.a, samples.b, floor);
}

const { child: up, value: ports } = await startChild(
  process.execPath,
  [join(root, "bench/gateway/upstream.js"), "--delay", values.delay],
  {},
  (out) => (out.includes("\n") ? JSON.parse(out.split("\n")[0]) : null),
);
const { child: minProxy, value: minPort } = await startChild(
  process.execPath,
  [join(root, "bench/gateway/min-proxy.js"), String(ports.upstream)],
  {},
  (out) => (out.includes("\n") ? JSON.parse(out.split("\n")[0]).port : null),
);
const config = join(dir, "genchi.yaml");
writeFileSync(
  config,
  `models:\n  shadow:\n    - route: shadowed\n      candidate: openai/gpt-4o-mini\n      sampleRate: 1\n`,
);
const { child: genchi, value: genchiPort } = await startChild(
  process.execPath,
  [
    ...(values.profile ? ["--cpu-prof", `--cpu-prof-dir=${values.profile}`] : []),
    join(root, "packages/server/bin/genchi.js"),
    "serve",
    "--port",
    "0",
    "--db",
    join(dir, "genchi.db"),
    "--upstream",
    `openai=http://127.0.0.1:${ports.upstream}/v1`,
    "--config",
    config,
  ],
  { GENCHI_INIT_PROJECT_KEY: key },
  (out) => {
    const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
    return m ? Number(m[1]) : null;
  },
);
const viaHeaders = { "x-genchi-key": key, "x-genchi-route": "bench" };
const path = "/v1/chat/completions";
const direct = (body = bodies.plain) => send(ports.upstream, path, body);
const via = (body = bodies.plain, headers = viaHeaders) => send(genchiPort, path, body, headers);
const results = {};

try {
  // Warm up every path to its steady state, as a gateway in service is: 2 s at c=64 each
  // (thousands of requests: enough for V8 to optimize the hot code of every process), then a
  // few requests at c=1.
  const paths = {
    naive: () => send(ports.naive, path, bodies.plain),
    minimal: () => send(minPort, path, bodies.plain),
    direct: () => direct(),
    via: () => via(),
  };
  const warmups = [
    ...Object.values(paths),
    () => send(ports.floor, "/", "{}"),
    () => direct(bodies.stream),
    () => via(bodies.stream),
  ];
  for (const worker of warmups) await throughput(worker, 64, 2000);
  for (let i = 0; i < 50; i++) {
    for (const worker of warmups) await worker();
    await via(bodies.plain, { "x-genchi-key": key, "x-genchi-route": "shadowed" });
  }

  const floor = [];
  for (let i = 0; i < 2000; i++) floor.push((await send(ports.floor, "/", "{}")).ms);
  results.floor = { p50: pct(floor, 50), p99: pct(floor, 99) };

  // c=1: every non-streamed path in one rotation, so all are measured under the same conditions.
  const c1 = await rotation(
    {
      direct: paths.direct,
      via: paths.via,
      naive: paths.naive,
      minimal: paths.minimal,
    },
    rotationOf(),
  );
  results.c1 = added(c1.samples.direct, c1.samples.via, c1.floor);
  results.naive = added(c1.samples.direct, c1.samples.naive, c1.floor);
  results.minimal = added(c1.samples.direct, c1.samples.minimal, c1.floor);

  // Streamed time to first token: a second rotation of the same shape.
  const streamed = await rotation(
    {
      direct: () => direct(bodies.stream),
      via: () => via(bodies.stream),
    },
    rotationOf("ttft"),
  );
  results.ttft = added(streamed.samples.direct, streamed.samples.via, streamed.floor);

  // Throughput: --rounds rounds of --seconds each, the paths taking turns (after one more
  // 2 s at c=64 each, so that no path starts cold after the c=1 loops).
  const totals = Object.fromEntries(Object.keys(paths).map((k) => [k, { rps: 0, errors: 0 }]));
  for (const worker of Object.values(paths)) await throughput(worker, 64, 2000);
  for (let round = 0; round < rounds; round++) {
    for (const [name, worker] of Object.entries(paths)) {
      const t = await throughput(worker, 64, seconds * 1000);
      totals[name].rps += t.rps / rounds;
      totals[name].errors += t.errors;
    }
  }
  results.c64 = {
    naiveRps: totals.naive.rps,
    minimalRps: totals.minimal.rps,
    directRps: totals.direct.rps,
    viaRps: totals.via.rps,
    ratio: totals.via.rps / totals.direct.rps,
    directErrors: totals.direct.errors,
    viaErrors: totals.via.errors,
  };

  // Shadowing loads the upstream, so it gets its own rotation, apart from the c=1 paths.
  results.shadow = await sideBySide(
    () => direct(),
    () => via(bodies.plain, { "x-genchi-key": key, "x-genchi-route": "shadowed" }),
  );

  // RSS over many requests at concurrency 64, sampled every second.
  const rss = [rssOf(genchi.pid)];
  const heap = [];
  const queued = [];
  const statsUrl = `http://127.0.0.1:${genchiPort}/api/v1/gateway/stats`;
  const auth = { headers: { authorization: `Bearer ${key}` } };
  const sampler = setInterval(() => {
    rss.push(rssOf(genchi.pid));
    fetch(statsUrl, auth)
      .then((r) => r.json())
      .then((st) => {
        heap.push(st.memory.heapUsedMiB);
        queued.push(st.log.queued);
      })
      .catch(() => {});
  }, 1000);
  let started = 0;
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (started < rssRequests) {
        started++;
        const r = await via();
        if (r.status !== 200) errors++;
      }
    }),
  );
  clearInterval(sampler);
  await new Promise((r) => setTimeout(r, 2000));
  rss.push(rssOf(genchi.pid));
  const statsRes = await fetch(`http://127.0.0.1:${genchiPort}/api/v1/gateway/stats`, {
    headers: { authorization: `Bearer ${key}` },
  });
  results.rss = {
    heapMiB: heap.map((x) => Math.round(x)),
    queued,
    samplesMiB: rss.map((x) => Math.round(x)),
    errors,
    seconds: (performance.now() - t0) / 1000,
    stats: await statsRes.json(),
  };
} finally {
  const exited = new Promise((r) => genchi.once("exit", r));
  genchi.kill("SIGINT");
  const t = performance.now();
  const how = await Promise.race([
    exited.then(() => "exited"),
    new Promise((r) => setTimeout(() => r("still running"), 10_000)),
  ]);
  if (how !== "exited" || performance.now() - t > 2_000)
    console.error(`genchi stop: ${how} after ${(performance.now() - t).toFixed(0)} ms`);
  up.kill("SIGTERM");
  minProxy.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  rmSync(dir, { recursive: true, force: true });
}

const fl = results.floor.p50;
const line = (name, value, limit, ok) => `| ${name} | ${value} | ${limit} | ${ok ? "yes" : "NO"} |`;
/** "x ms (r× the paced floor; r'× back to back)" */
const vsFloor = (added, paced) =>
  `${f(added)} ms (${(added / paced).toFixed(2)}× paced floor; ${(added / fl).toFixed(2)}× back-to-back)`;
console.log(
  `floor (bare loopback round trip): back to back p50 ${f(fl)} ms, p99 ${f(results.floor.p99)} ms; paced (after ${delay} ms idle, in the c=1 rotation) p50 ${f(results.c1.floorP50)} ms`,
);
console.log(
  `c=1: direct p50 ${f(results.c1.directP50)} / via ${f(results.c1.viaP50)} ms; p99 ${f(results.c1.directP99)} / ${f(results.c1.viaP99)} ms`,
);
console.log(
  `naive Node pipe proxy, c=1: direct p50 ${f(results.naive.directP50)} / via ${f(results.naive.viaP50)} ms (adds ${vsFloor(results.naive.addedP50, results.naive.floorP50)})`,
);
console.log(
  `minimal proxy in its own process (bench/gateway/min-proxy.js), c=1: adds ${vsFloor(results.minimal.addedP50, results.minimal.floorP50)}; c=64 ${results.c64.minimalRps.toFixed(0)} req/s (${((100 * results.c64.minimalRps) / results.c64.directRps).toFixed(1)}% of direct)`,
);
const genchiVsMinimal = results.c1.addedP50 - results.minimal.addedP50;
console.log(
  `genchi vs a dozen-line proxy in its own process, same loop: ${genchiVsMinimal >= 0 ? "+" : ""}${f(genchiVsMinimal)} ms`,
);
console.log(`ttft: direct p50 ${f(results.ttft.directP50)} / via ${f(results.ttft.viaP50)} ms`);
console.log(
  `c=64: naive proxy ${results.c64.naiveRps.toFixed(0)} req/s; direct ${results.c64.directRps.toFixed(0)} req/s, via ${results.c64.viaRps.toFixed(0)} req/s (${(results.c64.ratio * 100).toFixed(1)}%), errors ${results.c64.directErrors}/${results.c64.viaErrors}`,
);
console.log(`shadow 100%: direct p50 ${f(results.shadow.directP50)} / via ${f(results.shadow.viaP50)} ms`);
console.log(
  `rss over ${rssRequests} requests (${results.rss.seconds.toFixed(1)} s, ${results.rss.errors} errors): ${results.rss.samplesMiB.join(", ")} MiB`,
);
console.log(`V8 heap used over the same run: ${results.rss.heapMiB.join(", ")} MiB`);
console.log(`calls waiting in the log queue, same samples: ${results.rss.queued.join(", ")}`);
console.log(`gateway stats after: ${JSON.stringify(results.rss.stats)}`);
console.log("");
console.log(
  "Ratios are to the floor paced like the hop they stand for (measured in the same rotation as each comparison).",
);
console.log("| measure | value | target | met |");
console.log("|---|---|---|---|");
console.log(
  line(
    "added latency p50, c=1",
    vsFloor(results.c1.addedP50, results.c1.floorP50),
    "≤ 1.5× floor",
    results.c1.addedP50 <= 1.5 * results.c1.floorP50,
  ),
);
console.log(
  line("added latency p99, c=1", `${f(results.c1.addedP99)} ms`, "≤ 3 ms", results.c1.addedP99 <= 3),
);
console.log(
  line(
    "added TTFT p50, streamed",
    vsFloor(results.ttft.addedP50, results.ttft.floorP50),
    "≤ 1.5× floor",
    results.ttft.addedP50 <= 1.5 * results.ttft.floorP50,
  ),
);
console.log(
  line(
    "throughput c=64 vs direct",
    `${(results.c64.ratio * 100).toFixed(1)}%, ${results.c64.viaErrors} errors`,
    "≥ 90%, no errors",
    results.c64.ratio >= 0.9 && results.c64.viaErrors === 0,
  ),
);
console.log(
  line(
    "added p50 with shadow 100%",
    vsFloor(results.shadow.addedP50, results.shadow.floorP50),
    "≤ 2× floor",
    results.shadow.addedP50 <= 2 * results.shadow.floorP50,
  ),
);
/**
 * Flat = no upward trend: the peak and the trough of the run's second half within 20% of the
 * first half's (V8's heap and the RSS over it rise and fall with each major GC, so the last
 * sample alone says little).
 */
function trend(samples) {
  const half = Math.floor(samples.length / 2);
  const a = samples.slice(0, half);
  const b = samples.slice(half);
  const flat = Math.max(...b) <= Math.max(...a) * 1.2 && Math.min(...b) <= Math.min(...a) * 1.2;
  const range = (xs) => `${Math.min(...xs)}–${Math.max(...xs)}`;
  return { text: `first half ${range(a)}, second half ${range(b)} MiB`, flat };
}
const rssTrend = trend(results.rss.samplesMiB.slice(1));
console.log(line(`RSS over ${rssRequests} requests`, rssTrend.text, "flat", rssTrend.flat));
const heapTrend = trend(results.rss.heapMiB);
console.log(line(`V8 heap over ${rssRequests} requests`, heapTrend.text, "flat", heapTrend.flat));
agent.destroy();
