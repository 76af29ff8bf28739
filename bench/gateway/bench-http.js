// What the gateway benches share: starting a child process and waiting for its ready line,
// one timed request over a keep-alive agent, throughput at a concurrency, percentiles.
import { spawn } from "node:child_process";
import http from "node:http";
import { performance } from "node:perf_hooks";

export const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });

/** Starts `cmd args`; resolves with the child and what `ready(stdoutSoFar)` returns once truthy. */
export function startChild(cmd, args, env, ready) {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const value = ready(out);
      if (value) resolve({ child, value });
    });
    child.on("exit", (code) => reject(new Error(`${cmd} ${args.join(" ")} exited ${code}: ${out}`)));
  });
}

/** The OpenAI chat request every bench sends, streamed or not. */
export const chatBody = (stream) =>
  JSON.stringify({
    model: "gpt-4o-mini",
    messages: [
      { role: "system", content: "You sort support tickets into billing, shipping, account or other." },
      { role: "user", content: "I was charged twice for my last order, please refund the duplicate." },
    ],
    ...(stream ? { stream: true } : {}),
  });

/** One POST to 127.0.0.1; resolves with total ms, ms to the first content chunk, status. */
export function send(port, path, body, headers = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let first = null;
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path,
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          authorization: "Bearer sk-bench",
          ...headers,
        },
      },
      (res) => {
        res.on("data", (c) => {
          if (first === null && /"content":"[^"]/.test(c.toString())) first = performance.now() - t0;
        });
        res.on("end", () => resolve({ ms: performance.now() - t0, ttft: first, status: res.statusCode }));
      },
    );
    req.on("error", (e) => resolve({ ms: performance.now() - t0, ttft: null, status: 0, error: e.message }));
    req.end(body);
  });
}

/** `concurrency` loops of `worker` for `ms`: requests per second answered 200, and the others. */
export async function throughput(worker, concurrency, ms) {
  const end = performance.now() + ms;
  let ok = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const r = await worker();
        if (r.status === 200) ok++;
        else errors++;
      }
    }),
  );
  return { rps: ok / (ms / 1000), errors };
}

/**
 * Concurrency 1 in rotation: `iterations` times, wait `idleMs`, call `floor` if given (its ms
 * recorded), then every path once, in turn, starting at path i % (number of paths) in
 * iteration i, so every path meets the same machine state. Returns `field` (ms or ttft) of
 * every response per path name, and the floor's ms.
 */
export async function rotation(paths, { iterations, idleMs, field = "ms", floor = null }) {
  const names = Object.keys(paths);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  const floorMs = [];
  for (let i = 0; i < iterations; i++) {
    await sleep(idleMs);
    if (floor) floorMs.push((await floor()).ms);
    for (let k = 0; k < names.length; k++) {
      const name = names[(i + k) % names.length];
      samples[name].push((await paths[name]())[field]);
    }
  }
  return { samples, floor: floorMs };
}

/** The p-th percentile (p in 0–100). */
export const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
