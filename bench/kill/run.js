// kill -9 during gateway traffic: how many calls the client received were never stored?
// For each backend (SQLite, PostgreSQL) and each setting (crash spool on, spool off), genchi serve
// takes gateway traffic from 8 concurrent clients and is killed with SIGKILL every ~2.5 s (5 kills),
// restarted at once each time; at the end every answered call id is looked up.
//
//   npm run build && node bench/kill/run.js [--kills 5] [--clients 8]
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startScriptedUpstream } from "../../packages/scripted-upstream/dist/index.js";
import { freshPostgres, repoRoot } from "../lib/genchi-process.js";

const { values } = parseArgs({
  options: { kills: { type: "string", default: "5" }, clients: { type: "string", default: "8" } },
});
const kills = Number(values.kills);
const clients = Number(values.clients);
const key = "gk_bench_kill_key_0123456789abcdef";
const bin = join(repoRoot, "packages/server/bin/genchi.js");

function serve(port, db, config) {
  const child = spawn(
    process.execPath,
    [bin, "serve", "--port", String(port), "--db", db, "--config", config],
    {
      env: { ...process.env, GENCHI_INIT_PROJECT_KEY: key },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes("default project key")) resolve(child);
    });
    child.stderr.on("data", (d) => {
      out += d;
    });
    child.on("exit", (code, signal) => reject(new Error(`serve exited ${code ?? signal}: ${out}`)));
  });
}

async function storedIds(port) {
  const ids = new Set();
  let cursor = null;
  for (;;) {
    const res = await fetch(
      `http://127.0.0.1:${port}/api/v1/calls?route=kill&limit=500${cursor ? `&cursor=${cursor}` : ""}`,
      { headers: { authorization: `Bearer ${key}` } },
    );
    const page = await res.json();
    for (const c of page.data) ids.add(c.id);
    cursor = page.nextCursor;
    if (!cursor) return ids;
  }
}

async function trial(backend, spool, upstreamUrl) {
  const folder = mkdtempSync(join(tmpdir(), "genchi-kill-"));
  const pgDb = backend === "postgres" ? await freshPostgres("genchi_bench_kill") : null;
  const db = pgDb ? pgDb.url : join(folder, "genchi.db");
  const config = join(folder, "genchi.yaml");
  writeFileSync(
    config,
    [
      "upstreams:",
      `  openai: { baseUrl: "${upstreamUrl}/v1" }`,
      "gateway:",
      `  spoolDir: ${spool ? JSON.stringify(join(folder, "spool")) : "null"}`,
      "",
    ].join("\n"),
  );
  const port = 43000 + Math.floor(Math.random() * 2000);
  let child = await serve(port, db, config);
  const answered = [];
  let errors = 0;
  let running = true;
  const loop = async (n) => {
    let i = 0;
    while (running) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-genchi-key": key, "x-genchi-route": "kill" },
          body: JSON.stringify({
            model: "gpt-4o-mini",
            messages: [{ role: "user", content: `client ${n} call ${i++}` }],
          }),
        });
        await res.arrayBuffer();
        if (res.status === 200) answered.push(res.headers.get("x-genchi-call-id"));
        else errors++;
      } catch {
        errors++;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };
  const loops = Array.from({ length: clients }, (_, n) => loop(n));
  for (let k = 0; k < kills; k++) {
    await new Promise((r) => setTimeout(r, 2000 + Math.random() * 1000));
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    child = await serve(port, db, config);
  }
  await new Promise((r) => setTimeout(r, 1000));
  running = false;
  await Promise.all(loops);
  // Let the last server store what it has (and what it recovered), then count.
  let stored = new Set();
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    stored = await storedIds(port);
    if (answered.every((id) => stored.has(id))) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  const lost = answered.filter((id) => !stored.has(id)).length;
  await pgDb?.drop();
  rmSync(folder, { recursive: true, force: true });
  return {
    backend,
    spool: spool ? "on" : "off",
    answered: answered.length,
    stored: answered.length - lost,
    lost,
    errors,
  };
}

const upstream = await startScriptedUpstream();
const rows = [];
for (const backend of ["sqlite", "postgres"]) {
  for (const spool of [false, true]) {
    const r = await trial(backend, spool, upstream.url);
    rows.push(r);
    console.log(
      `${r.backend.padEnd(8)} spool ${r.spool.padEnd(3)}  answered ${String(r.answered).padStart(6)}  stored ${String(r.stored).padStart(6)}  lost ${String(r.lost).padStart(5)} (${((100 * r.lost) / Math.max(1, r.answered)).toFixed(2)}%)  client errors ${r.errors}`,
    );
  }
}
await upstream.close();
