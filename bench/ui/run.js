// Dashboard query benchmark: ingests --total calls (default 1,000,000) spread over the last
// 90 days through the real HTTP ingest API (the bench/ingest call shape, 2% errors, thumbs
// feedback on 5% of calls), then times every dashboard API query — time series for
// 1h/24h/7d/30d/90d grouped by none/route/model, facets, feedback summary, the first calls
// page with and without filters — on SQLite and PostgreSQL side by side (median of --reps).
//
//   node bench/ui/run.js [--total 1000000] [--backends sqlite,postgres] [--reps 15]
//
// The UI's first load (bundle size, time to a drawn dashboard) is measured by
// bench/ui/first-load.js, which the web package owns: run it with --ui to include it here.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { makeBatchBody } from "../ingest/make-calls.js";
import { freshPostgres, genchiClient, startGenchi } from "../lib/genchi-process.js";

const { values } = parseArgs({
  options: {
    total: { type: "string", default: "1000000" },
    backends: { type: "string", default: "sqlite,postgres" },
    reps: { type: "string", default: "15" },
    port: { type: "string", default: "4344" },
    ui: { type: "boolean", default: false },
  },
});
const total = Number(values.total);
const reps = Number(values.reps);
const port = Number(values.port);
const batchSize = 500;
const senders = 4;
const key = "gk_bench_ui_key_00000000000000000";
const root = new URL("../..", import.meta.url).pathname;
const dataDir = join(root, "bench/ui/.data");
const dayMs = 86_400_000;
const nowMs = Date.now();
const spanMs = 90 * dayMs;

const client = genchiClient({ port, key, sockets: senders + 2 });
const request = client.request;
const startServer = (db) => startGenchi({ port, db, key });

/** A bench/ingest batch, re-timed over the last 90 days (oldest first), with errors and feedback. */
function batchBody(b) {
  const body = JSON.parse(makeBatchBody(b, batchSize));
  const feedback = [];
  body.calls.forEach((call, i) => {
    const n = b * batchSize + i;
    const ts = nowMs - spanMs + Math.floor((n / total) * spanMs);
    call.timestamp = new Date(ts).toISOString();
    call.latencyMs = Math.round(150 * Math.exp(((n * 7919) % 1000) / 400));
    if (n % 50 === 7) {
      call.status = "error";
      call.error = "429 Too Many Requests";
    }
    if (n % 20 === 3) {
      feedback.push({
        callId: call.id,
        kind: n % 3 === 0 ? "thumbs_down" : "thumbs_up",
        timestamp: new Date(ts + 60_000).toISOString(),
      });
    }
  });
  body.feedback = feedback;
  return JSON.stringify(body);
}

async function ingestAll(name) {
  const batches = Math.ceil(total / batchSize);
  let next = 0;
  let sent = 0;
  const started = performance.now();
  const sender = async () => {
    for (;;) {
      const b = next++;
      if (b >= batches) return;
      const res = await request("POST", "/api/v1/ingest", batchBody(b));
      if (res.status !== 207) throw new Error(`ingest answered ${res.status}: ${res.body.slice(0, 200)}`);
      sent += batchSize;
      if (sent % (total / 10) < batchSize)
        process.stdout.write(`  ${name}: ${sent.toLocaleString()} calls ingested\n`);
    }
  };
  await Promise.all(Array.from({ length: senders }, sender));
  return (performance.now() - started) / 1000;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

/** The dashboard's queries, by name. */
function queries() {
  const until = new Date(nowMs).toISOString();
  const since = (ms) => new Date(nowMs - ms).toISOString();
  const ranges = { "1h": 3_600_000, "24h": dayMs, "7d": 7 * dayMs, "30d": 30 * dayMs, "90d": 90 * dayMs };
  const list = [];
  for (const [label, ms] of Object.entries(ranges)) {
    for (const groupBy of ["none", "route", "model"]) {
      list.push([
        `timeseries ${label} by ${groupBy}`,
        `/api/v1/stats/timeseries?since=${since(ms)}&until=${until}&groupBy=${groupBy}`,
      ]);
    }
  }
  list.push(["facets 24h", `/api/v1/stats/facets?since=${since(dayMs)}&until=${until}`]);
  list.push(["facets 90d", `/api/v1/stats/facets?since=${since(90 * dayMs)}&until=${until}`]);
  list.push(["feedback summary 24h", `/api/v1/feedback/summary?since=${since(dayMs)}&until=${until}`]);
  list.push(["feedback summary 90d", `/api/v1/feedback/summary?since=${since(90 * dayMs)}&until=${until}`]);
  list.push(["calls page", "/api/v1/calls?limit=50"]);
  list.push(["calls page route=", "/api/v1/calls?limit=50&route=support-reply"]);
  list.push(["calls page model=", "/api/v1/calls?limit=50&model=gpt-4.1-nano-2025-04-14"]);
  list.push(["calls page status=error", "/api/v1/calls?limit=50&status=error"]);
  list.push(["calls page tag=", "/api/v1/calls?limit=50&tag=bench"]);
  list.push(["calls page label=negative", "/api/v1/calls?limit=50&label=negative"]);
  list.push([
    "calls page 7d ago, route=",
    `/api/v1/calls?limit=50&route=categorize&until=${since(7 * dayMs)}`,
  ]);
  return list;
}

async function runBackend(name, db) {
  const server = await startServer(db);
  try {
    const ingestSeconds = await ingestAll(name);
    const timings = {};
    for (const [label, path] of queries()) {
      const times = [];
      for (let i = 0; i < reps; i++) {
        const t = performance.now();
        const res = await request("GET", path);
        times.push(performance.now() - t);
        if (res.status !== 200) throw new Error(`${label} answered ${res.status}: ${res.body.slice(0, 200)}`);
      }
      timings[label] = Math.round(median(times) * 10) / 10;
    }
    return { ingestRate: Math.round(total / ingestSeconds), timings };
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.on("exit", r));
  }
}

const results = {};
for (const backend of values.backends.split(",")) {
  console.log(`${backend}: ${total.toLocaleString()} calls over 90 days, then ${reps} runs per query`);
  if (backend === "sqlite") {
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    results.sqlite = await runBackend("sqlite", join(dataDir, "bench.db"));
    rmSync(dataDir, { recursive: true, force: true });
  } else {
    const db = await freshPostgres("genchi_bench_ui");
    try {
      results.postgres = await runBackend("postgres", db.url);
    } finally {
      await db.drop();
    }
  }
}
client.close();

const names = Object.keys(results);
console.log(`\n${total.toLocaleString()} calls; median of ${reps} runs, ms (target ≤ 200)\n`);
console.log(`| query | ${names.join(" | ")} |`);
console.log(`|---|${names.map(() => "---:").join("|")}|`);
for (const [label] of queries()) {
  console.log(`| ${label} | ${names.map((n) => results[n].timings[label]).join(" | ")} |`);
}
console.log(`| ingest calls/s (with rollups) | ${names.map((n) => results[n].ingestRate).join(" | ")} |`);
const worst = Math.max(...names.flatMap((n) => Object.values(results[n].timings)));
console.log(`\nslowest median: ${worst} ms ${worst <= 200 ? "(within 200 ms)" : "(OVER 200 ms)"}`);

if (values.ui) {
  const firstLoad = join(root, "bench/ui/first-load.js");
  // UI first load: owned by the web package (bundle size, first load ≤ 1 s on loopback).
  if (existsSync(firstLoad)) {
    const child = spawn(process.execPath, [firstLoad], { stdio: "inherit" });
    await new Promise((resolve) => child.on("exit", resolve));
  } else console.log("bench/ui/first-load.js is not written yet (the web package's part)");
}
