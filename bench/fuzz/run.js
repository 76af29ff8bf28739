// Fuzz run: --count seeded bodies (fuzz-bodies.js) against `genchi serve` in its own process, on
// SQLite and on a throwaway PostgreSQL database, with the scripted upstream behind the gateway.
// Prints answers per route and status class, any 5xx (body and answer), whether the valid calls
// of mixed batches were stored, what became of the gateway's exchanges, and the server's stderr.
//
//   npm run build && node bench/fuzz/run.js [--count 6000] [--seed 20261201] [--backends sqlite,postgres]
//
// Exits 1 when anything answered 5xx, went unanswered, was lost, or the server died.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startScriptedUpstream } from "@genchi/scripted-upstream";
import { freshPostgres, repoRoot } from "../lib/genchi-process.js";
import { fuzzCases, fuzzRoutes } from "./fuzz-bodies.js";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "6000" },
    seed: { type: "string", default: "20261201" },
    backends: { type: "string", default: "sqlite,postgres" },
    concurrency: { type: "string", default: "4" },
  },
});
const count = Number(values.count);
const seed = Number(values.seed);
const concurrency = Number(values.concurrency);
const key = "gk_bench_fuzz_key_0000000000000000";

/** `genchi serve` on a free port with the scripted upstream as both upstreams; resolves with its port. */
async function startGenchi(db, upstreamUrl) {
  const child = spawn(
    process.execPath,
    [
      join(repoRoot, "packages/server/bin/genchi.js"),
      "serve",
      "--port",
      "0",
      "--db",
      db,
      "--upstream",
      `openai=${upstreamUrl}/v1`,
      "--upstream",
      `anthropic=${upstreamUrl}`,
    ],
    { env: { ...process.env, GENCHI_INIT_PROJECT_KEY: key }, stdio: ["ignore", "pipe", "pipe"] },
  );
  const stderr = [];
  child.stderr.on("data", (d) => stderr.push(...d.toString().split("\n").filter(Boolean)));
  const port = await new Promise((resolve, reject) => {
    child.stdout.on("data", (d) => {
      const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    });
    child.on("exit", (code) => reject(new Error(`genchi exited ${code}: ${stderr.join("\n")}`)));
  });
  let exited = null;
  child.on("exit", (code, signal) => {
    exited = signal ?? code;
  });
  return { child, port, stderr, exited: () => exited };
}

function client(port) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency + 2 });
  const request = (method, path, body, contentType = "application/json") =>
    new Promise((resolve) => {
      const headers = { authorization: `Bearer ${key}`, "x-genchi-key": key };
      if (contentType) headers["content-type"] = contentType;
      if (body !== undefined) headers["content-length"] = Buffer.byteLength(body);
      const req = http.request({ host: "127.0.0.1", port, method, path, agent, headers }, (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode,
            text: Buffer.concat(chunks).toString(),
            callId: res.headers["x-genchi-call-id"] ?? null,
          }),
        );
        res.on("error", (e) => resolve({ status: 0, text: String(e), callId: null }));
      });
      req.on("error", (e) => resolve({ status: 0, text: String(e), callId: null }));
      req.end(body);
    });
  return { request, close: () => agent.destroy() };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function runBackend(name, db, upstream) {
  const server = await startGenchi(db, upstream.url);
  const { request, close } = client(server.port);
  const started = performance.now();
  const seedCall = await request(
    "POST",
    "/api/v1/ingest",
    JSON.stringify({ calls: [{ id: "fuzz-seed", input: "hi" }] }),
  );
  if (seedCall.status !== 207) throw new Error(`seed call: ${seedCall.status} ${seedCall.text}`);

  const cases = fuzzCases({ seed, count, callId: "fuzz-seed" });
  const tally = new Map(Object.keys(fuzzRoutes).map((r) => [r, { "2xx": 0, "4xx": 0, "5xx": 0, none: 0 }]));
  const failures = [];
  const gatewayIds = [];
  let next = 0;
  const sender = async () => {
    for (let i = next++; i < cases.length; i = next++) {
      const c = cases[i];
      const res = await request("POST", c.path, c.body, c.contentType);
      const klass = res.status === 0 ? "none" : `${Math.floor(res.status / 100)}xx`;
      const row = tally.get(c.route);
      row[klass] = (row[klass] ?? 0) + 1;
      if (res.callId && !res.text.startsWith('{"error":{"code":"GENCHI_')) gatewayIds.push(res.callId);
      if (res.status === 0 || res.status >= 500) {
        const body = typeof c.body === "string" ? c.body : c.body.toString("latin1");
        failures.push(
          `#${i} ${c.route} ${c.kind} → ${res.status} ${res.text.slice(0, 300)}\n    body ${JSON.stringify(body.slice(0, 300))}`,
        );
      }
      if (i % 500 === 0) upstream.reset(); // the scripted upstream keeps every request it saw
    }
  };
  await Promise.all(Array.from({ length: concurrency }, sender));
  const seconds = (performance.now() - started) / 1000;

  const health = await request("GET", "/api/health");
  const mustBeStored = cases.flatMap((c) => c.storedIds);
  let stored = 0;
  for (const id of mustBeStored) if ((await request("GET", `/api/v1/calls/${id}`)).status === 200) stored++;

  // The gateway writes its calls after answering: wait (up to 2 min) until its log queue settles.
  let log = {};
  const settled = (l) =>
    l.queued === 0 &&
    l.enqueued === (l.written ?? 0) + (l.rejected ?? 0) + (l.dropped ?? 0) + (l.poisoned ?? 0);
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(200)) {
    log = JSON.parse((await request("GET", "/api/v1/gateway/stats")).text).log;
    if (settled(log)) break;
  }
  let gatewayStored = 0;
  for (const id of gatewayIds)
    if ((await request("GET", `/api/v1/calls/${id}`)).status === 200) gatewayStored++;

  close();
  const exited = server.exited();
  server.child.kill("SIGTERM");
  await new Promise((r) => (server.exited() !== null ? r() : server.child.once("exit", r)));

  const pad = (s, n) => String(s).padStart(n);
  console.log(
    `\n${name}: ${count.toLocaleString()} bodies (seed ${seed}, ${concurrency} at a time) in ${seconds.toFixed(1)} s`,
  );
  console.log(
    `  ${"route".padEnd(11)} ${pad("2xx", 6)} ${pad("4xx", 6)} ${pad("5xx", 6)} ${pad("no answer", 10)}`,
  );
  for (const [route, row] of tally)
    console.log(
      `  ${route.padEnd(11)} ${pad(row["2xx"], 6)} ${pad(row["4xx"], 6)} ${pad(row["5xx"], 6)} ${pad(row.none, 10)}`,
    );
  console.log(`  valid calls of mixed batches stored: ${stored}/${mustBeStored.length}`);
  console.log(
    `  gateway exchanges answered by the upstream: ${gatewayIds.length}; stored ${gatewayStored}, ` +
      `rejected by validation ${log.rejected ?? "?"}, dropped ${log.dropped ?? "?"}, poisoned ${log.poisoned ?? 0}` +
      (settled(log) ? "" : ` (log queue not settled: ${JSON.stringify(log)})`),
  );
  console.log(
    `  server: ${exited === null && health.status === 200 ? "alive, /api/health 200" : `DOWN (${exited}, health ${health.status})`}`,
  );
  console.log(`  server stderr: ${server.stderr.length} lines${server.stderr.length ? ":" : ""}`);
  for (const line of server.stderr.slice(0, 10)) console.log(`    ${line.slice(0, 300)}`);
  if (failures.length) console.log(`  5xx or no answer (${failures.length}):`);
  for (const f of failures.slice(0, 20)) console.log(`    ${f}`);
  const lost = gatewayIds.length - gatewayStored - (log.rejected ?? 0);
  return (
    failures.length === 0 &&
    stored === mustBeStored.length &&
    exited === null &&
    health.status === 200 &&
    settled(log) &&
    lost === 0 &&
    log.dropped === 0 &&
    (log.poisoned ?? 0) === 0
  );
}

const upstream = await startScriptedUpstream();
let ok = true;
for (const backend of values.backends.split(",")) {
  if (backend === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "genchi-fuzz-"));
    try {
      ok = (await runBackend("SQLite", join(dir, "genchi.db"), upstream)) && ok;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else if (backend === "postgres") {
    const pg = await freshPostgres("genchi_fuzz");
    try {
      ok = (await runBackend("PostgreSQL", pg.url, upstream)) && ok;
    } finally {
      await pg.drop();
    }
  } else throw new Error(`unknown backend '${backend}' (sqlite, postgres)`);
}
await upstream.close();
console.log(ok ? "\nfuzz: no 5xx, nothing lost, server alive" : "\nfuzz: FAILED (see above)");
process.exit(ok ? 0 : 1);
