// SDK log() cost on the caller's thread: µs per call while batches flow to a real genchi
// server (`genchi serve` in its own process) over loopback, beside the cost of a bare
// array push (the floor) in the same run.
//
//   node bench/sdk-log/run.js [--calls 100000]
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Genchi } from "../../packages/sdk/dist/index.js";

const { values } = parseArgs({ options: { calls: { type: "string", default: "100000" } } });
const total = Number(values.calls);
const chunk = 1000;
const dir = mkdtempSync(join(tmpdir(), "genchi-sdk-bench-"));
const key = "gk_bench_sdk_key_0000000000000000";
const bin = new URL("../../packages/server/bin/genchi.js", import.meta.url).pathname;
const server = spawn(process.execPath, [bin, "serve", "--port", "0", "--db", join(dir, "genchi.db")], {
  env: { ...process.env, GENCHI_INIT_PROJECT_KEY: key },
  stdio: ["ignore", "pipe", "inherit"],
});
const url = await new Promise((resolve) => {
  let out = "";
  server.stdout.on("data", (d) => {
    out += d;
    const m = /running at (\S+)/.exec(out);
    if (m) resolve(m[1]);
  });
});
const genchi = new Genchi({ url, key, flushOnExit: false, maxBufferSize: 50_000 });

const makeCall = (i) => ({
  route: "categorize",
  model: "gpt-4o-mini",
  input: [{ role: "user", content: `Suggest a category for listing ${i}: red running shoes, size 42` }],
  output: { role: "assistant", content: '{"category":"footwear"}' },
  usage: { inputTokens: 25, outputTokens: 8 },
  latencyMs: 310,
});

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const perCall = { log: [], push: [] };
const sink = [];
for (let done = 0; done < total; done += chunk) {
  const calls = Array.from({ length: chunk }, (_, i) => makeCall(done + i));
  let t = process.hrtime.bigint();
  for (const call of calls) genchi.log(call);
  perCall.log.push(Number(process.hrtime.bigint() - t) / 1000 / chunk);
  t = process.hrtime.bigint();
  for (const call of calls) sink.push(call);
  perCall.push.push(Number(process.hrtime.bigint() - t) / 1000 / chunk);
  if (sink.length > 100_000) sink.length = 0;
  // let the SDK's timers and HTTP run, as an app's event loop would; keep the buffer from
  // overflowing (an app logging faster than the server ingests would see drops instead)
  await new Promise((r) => setImmediate(r));
  if (genchi.stats().buffered > 20_000) await genchi.flush();
}
await genchi.flush();
const stats = genchi.stats();
const page = await (
  await fetch(`${url}/api/v1/calls?limit=1`, { headers: { authorization: `Bearer ${key}` } })
).json();
const stored = page.data.length === 1 ? "yes" : "no";
await genchi.shutdown();
server.kill("SIGTERM");
await new Promise((r) => server.on("exit", r));
rmSync(dir, { recursive: true, force: true });

const result = {
  calls: total,
  logMedianUs: Number(median(perCall.log).toFixed(3)),
  logP95Us: Number([...perCall.log].sort((a, b) => a - b)[Math.floor(perCall.log.length * 0.95)].toFixed(3)),
  arrayPushMedianUs: Number(median(perCall.push).toFixed(3)),
  sent: stats.sent,
  dropped: stats.dropped,
  callsReadBack: stored,
};
console.table([result]);
console.log(`log() / array.push ratio: ${(result.logMedianUs / result.arrayPushMedianUs).toFixed(1)}`);
