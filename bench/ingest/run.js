// Ingest benchmark: sustained HTTP ingest of ~1 KB calls in batches of 100 from 4 concurrent
// senders, from an empty database to --total calls, on SQLite and PostgreSQL side by side;
// then list and full-text query latency at that size.
//
//   node bench/ingest/run.js [--total 1000000] [--backends sqlite,postgres] [--senders 4]
//
// The server runs as `genchi serve` in its own process (as users run it); the senders run here.
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { freshPostgres, genchiClient, startGenchi } from "../lib/genchi-process.js";
import { makeBatchBody, searchWords } from "./make-calls.js";

const { values } = parseArgs({
  options: {
    total: { type: "string", default: "1000000" },
    backends: { type: "string", default: "sqlite,postgres" },
    senders: { type: "string", default: "4" },
    batch: { type: "string", default: "100" },
    port: { type: "string", default: "4343" },
  },
});
const total = Number(values.total);
const senders = Number(values.senders);
const batchSize = Number(values.batch);
const port = Number(values.port);
const key = "gk_bench_key_000000000000000000000";
const root = new URL("../..", import.meta.url).pathname;
const dataDir = join(root, "bench/ingest/.data");

const client = genchiClient({ port, key, sockets: senders + 2 });
const request = client.request;
// GENCHI_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server
const nodeArgs = (process.env.GENCHI_BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
const startServer = (db) => startGenchi({ port, db, key, nodeArgs });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

async function runBackend(name, db) {
  const server = await startServer(db);
  const windows = [];
  let sent = 0;
  let windowStart = performance.now();
  let windowCount = 0;
  const started = performance.now();
  const windowSize = Math.max(total / 10, batchSize);
  let nextBatch = 0;
  const batches = Math.ceil(total / batchSize);
  const sender = async () => {
    for (;;) {
      const b = nextBatch++;
      if (b >= batches) return;
      const res = await request("POST", "/api/v1/ingest", makeBatchBody(b, batchSize));
      if (res.status !== 207) throw new Error(`ingest answered ${res.status}: ${res.body.slice(0, 200)}`);
      sent += batchSize;
      windowCount += batchSize;
      if (windowCount >= windowSize) {
        const now = performance.now();
        windows.push({ upTo: sent, rate: (windowCount / (now - windowStart)) * 1000 });
        process.stdout.write(
          `  ${name}: ${sent.toLocaleString()} calls, ${Math.round(windows.at(-1).rate).toLocaleString()} calls/s\n`,
        );
        windowStart = now;
        windowCount = 0;
      }
    }
  };
  await Promise.all(Array.from({ length: senders }, sender));
  const seconds = (performance.now() - started) / 1000;
  const list = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    const res = await request("GET", "/api/v1/calls?limit=50");
    list.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`list answered ${res.status}`);
  }
  const search = [];
  for (let i = 0; i < 30; i++) {
    const word = searchWords[i % searchWords.length];
    const t = performance.now();
    const res = await request("GET", `/api/v1/calls?limit=50&q=${encodeURIComponent(word)}`);
    search.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`search answered ${res.status}`);
  }
  const rare = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    await request("GET", `/api/v1/calls?limit=50&q=order%20${(i * 7919) % total}`);
    rare.push(performance.now() - t);
  }
  server.kill("SIGTERM");
  await new Promise((r) => server.on("exit", r));
  const rates = windows.map((w) => w.rate);
  return {
    backend: name,
    calls: total,
    seconds: Math.round(seconds * 10) / 10,
    overall: Math.round(total / seconds),
    minWindow: Math.round(Math.min(...rates)),
    firstWindow: Math.round(rates[0] ?? 0),
    lastWindow: Math.round(rates.at(-1) ?? 0),
    listMedianMs: Math.round(median(list) * 10) / 10,
    searchMedianMs: Math.round(median(search) * 10) / 10,
    rareSearchMedianMs: Math.round(median(rare) * 10) / 10,
  };
}

const results = [];
for (const backend of values.backends.split(",")) {
  console.log(
    `${backend}: ingesting ${total.toLocaleString()} calls, ${senders} senders, batches of ${batchSize}`,
  );
  if (backend === "sqlite") {
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    results.push(await runBackend("sqlite", join(dataDir, "bench.db")));
    rmSync(dataDir, { recursive: true, force: true });
  } else {
    const db = await freshPostgres("genchi_bench");
    results.push(await runBackend("postgres", db.url));
    await db.drop();
  }
}
console.table(results);
if (results.length === 2) {
  console.log(
    `sqlite/postgres overall ingest ratio: ${(results[0].overall / results[1].overall).toFixed(2)}`,
  );
}
client.close();
