// Stalled disk: gateway and health latency before, during and after a freeze of the filesystem
// under genchi's SQLite database (issue 23, item 7).
//
//   npm run build && sudo node bench/faults/stalled-disk.js [--rate 50] [--before 25] [--freeze 10]
//                                                           [--after 10] [--delay 5]
//
// Needs root and fsfreeze: it makes a 300 MB ext4 image, loop-mounts it, runs `genchi serve --db`
// on it (its own process, as users run it) behind the bench upstream (bench/gateway/upstream.js,
// --delay ms per answer), sends gateway requests open loop at --rate per second and GET
// /api/health (and /api/ready) every 250 ms, freezes the filesystem (`fsfreeze -f`) after
// --before s for --freeze s, then measures --after s more. A request counts in the phase in which
// it was sent. The default --before (25 s) makes genchi's 30 s key check and 5 s pin refresh
// fall due while the disk is frozen. A detached `sleep; fsfreeze -u` guards against a crash of
// this script leaving the filesystem frozen.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import http from "node:http";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { chatBody, pct, sleep, startChild } from "../gateway/bench-http.js";

const { values } = parseArgs({
  options: {
    rate: { type: "string", default: "50" },
    before: { type: "string", default: "25" },
    freeze: { type: "string", default: "10" },
    after: { type: "string", default: "10" },
    delay: { type: "string", default: "5" },
    /** Write a CPU profile of genchi to this folder. */
    profile: { type: "string" },
  },
});
const rate = Number(values.rate);
const beforeS = Number(values.before);
const freezeS = Number(values.freeze);
const afterS = Number(values.after);
const root = new URL("../..", import.meta.url).pathname;
const key = "gk_bench_stalled_disk_00000000000000";

if (process.getuid?.() !== 0 || spawnSync("fsfreeze", ["--version"]).status !== 0) {
  console.error("stalled-disk: needs root and fsfreeze (util-linux) to freeze a loop-mounted ext4");
  process.exit(2);
}

const image = `/tmp/genchi-stall-${process.pid}.img`;
const mount = `/mnt/genchi-stall-${process.pid}`;
const sh = (cmd) => {
  const r = spawnSync("sh", ["-c", cmd], { stdio: "inherit" });
  if (r.status !== 0) throw new Error(`failed: ${cmd}`);
};
const unfreeze = () => spawnSync("fsfreeze", ["-u", mount], { stdio: "ignore" });

sh(
  `truncate -s 300M ${image} && mkfs.ext4 -q ${image} && mkdir -p ${mount} && mount -o loop ${image} ${mount}`,
);
const processes = [];
const cleanup = async () => {
  unfreeze();
  for (const child of processes) {
    if (child.exitCode !== null) continue;
    child.kill("SIGTERM");
    await Promise.race([new Promise((r) => child.once("exit", r)), sleep(5_000)]);
    if (child.exitCode === null) child.kill("SIGKILL");
  }
  await sleep(200);
  spawnSync("umount", [mount], { stdio: "inherit" });
  rmSync(mount, { recursive: true, force: true });
  rmSync(image, { force: true });
};
process.on("SIGINT", () => cleanup().then(() => process.exit(130)));

try {
  mkdirSync(join(mount, "genchi"), { recursive: true });
  const { child: up, value: ports } = await startChild(
    process.execPath,
    [join(root, "bench/gateway/upstream.js"), "--delay", values.delay],
    {},
    (out) => (out.includes("\n") ? JSON.parse(out.split("\n")[0]) : null),
  );
  processes.push(up);
  const { child: genchi, value: port } = await startChild(
    process.execPath,
    [
      ...(values.profile ? ["--cpu-prof", `--cpu-prof-dir=${values.profile}`] : []),
      join(root, "packages/server/bin/genchi.js"),
      "serve",
      "--port",
      "0",
      "--db",
      join(mount, "genchi", "genchi.db"),
      "--upstream",
      `openai=http://127.0.0.1:${ports.upstream}/v1`,
    ],
    { GENCHI_INIT_PROJECT_KEY: key },
    (out) => {
      const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      return m ? Number(m[1]) : null;
    },
  );
  processes.unshift(genchi);

  const gatewayAgent = new http.Agent({ keepAlive: true, maxSockets: 2048 });
  const healthAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const body = chatBody(false);
  /** One request; resolves with { ms, status } (status 0 on a socket error or after 60 s). */
  const request = (agent, method, path, headers, payload) =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const req = http.request(
        { host: "127.0.0.1", port, path, method, agent, headers, timeout: 60_000 },
        (res) => {
          res.resume();
          res.on("end", () => resolve({ ms: performance.now() - t0, status: res.statusCode }));
        },
      );
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", () => resolve({ ms: performance.now() - t0, status: 0 }));
      req.end(payload);
    });
  const gatewayRequest = () =>
    request(
      gatewayAgent,
      "POST",
      "/v1/chat/completions",
      {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
        authorization: "Bearer sk-bench",
        "x-genchi-key": key,
        "x-genchi-route": "stalled-disk",
      },
      body,
    );

  // Warm up (key and pins loaded, code optimised), so "before" is genchi in service.
  for (let i = 0; i < 200; i++) await gatewayRequest();

  const phases = ["before", "during", "after"];
  const samples = { gateway: [], health: [], ready: [] };
  const pending = [];
  const start = performance.now();
  const phaseAt = (t) => (t < beforeS * 1000 ? 0 : t < (beforeS + freezeS) * 1000 ? 1 : 2);
  const record = (kind, promise) => {
    const phase = phaseAt(performance.now() - start);
    pending.push(promise.then((r) => samples[kind].push({ phase, ...r })));
  };
  const endAt = (beforeS + freezeS + afterS) * 1000;
  const loop = (everyMs, fn) =>
    (async () => {
      for (let n = 0; ; n++) {
        const due = start + n * everyMs;
        if (due - start >= endAt) return;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        fn();
      }
    })();
  const freezer = (async () => {
    await sleep(beforeS * 1000);
    // Guard: unfrozen after freeze + 30 s even if this script dies.
    spawn("sh", ["-c", `sleep ${freezeS + 30}; fsfreeze -u ${mount} 2>/dev/null`], {
      detached: true,
      stdio: "ignore",
    }).unref();
    const guard = setTimeout(unfreeze, (freezeS + 5) * 1000);
    sh(`fsfreeze -f ${mount}`);
    await sleep(freezeS * 1000);
    unfreeze();
    clearTimeout(guard);
  })();
  await Promise.all([
    loop(1000 / rate, () => record("gateway", gatewayRequest())),
    loop(250, () => record("health", request(healthAgent, "GET", "/api/health", {}))),
    loop(1000, () => record("ready", request(healthAgent, "GET", "/api/ready", {}))),
    freezer,
  ]);
  await Promise.all(pending);

  // Calls logged after the thaw: wait for the log queue to empty, then read its counters.
  let log = null;
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/gateway/stats`, {
      headers: { authorization: `Bearer ${key}` },
    });
    log = (await res.json()).log;
    if (log.queued === 0) break;
    await sleep(200);
  }

  const f = (x) => (x === undefined ? "–" : x < 10 ? x.toFixed(1) : x.toFixed(0));
  const stat = (kind, phase) => {
    const xs = samples[kind].filter((s) => s.phase === phase);
    const ms = xs.map((s) => s.ms);
    const ok = xs.filter((s) => s.status === 200).length;
    return { n: xs.length, ok, p50: pct(ms, 50), p99: pct(ms, 99), max: Math.max(...ms) };
  };
  const rows = phases.map((name, phase) => ({
    phase: name,
    gateway: stat("gateway", phase),
    health: stat("health", phase),
    ready: stat("ready", phase),
  }));
  console.log(
    `\nstalled disk: ${rate} gateway requests/s, frozen ${freezeS} s after ${beforeS} s, then ${afterS} s\n`,
  );
  console.log(
    "| phase  | gateway 200/sent | gateway p50 ms | gateway p99 ms | gateway max ms | health p50 ms | health max ms | ready 200/sent | ready max ms |",
  );
  console.log(
    "| ------ | ---------------- | -------------- | -------------- | -------------- | ------------- | ------------- | -------------- | ------------ |",
  );
  for (const r of rows) {
    const g = r.gateway;
    console.log(
      `| ${r.phase.padEnd(6)} | ${`${g.ok}/${g.n}`.padEnd(16)} | ${f(g.p50).padStart(14)} | ${f(g.p99).padStart(14)} | ${f(g.max).padStart(14)} | ${f(r.health.p50).padStart(13)} | ${f(r.health.max).padStart(13)} | ${`${r.ready.ok}/${r.ready.n}`.padEnd(14)} | ${f(r.ready.max).padStart(12)} |`,
    );
  }
  console.log(
    `\nlog queue after the thaw: enqueued ${log.enqueued}, written ${log.written}, dropped ${log.dropped}, failed writes ${log.failedWrites}, still queued ${log.queued}`,
  );
  console.log(JSON.stringify({ rate, beforeS, freezeS, afterS, rows, log }));
} finally {
  await cleanup();
}
