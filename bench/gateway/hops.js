// What each part of a Node proxy costs at concurrency 1, side by side in one rotation: a TCP relay,
// the minimal proxy (Node's http server and http.request), Node's http server with genchi's kind of
// upstream client, and a proxy with neither (raw-proxies.js), against the same 20 ms upstream.
//
//   node bench/gateway/hops.js [--iterations 400]
import { parseArgs } from "node:util";
import { agent, chatBody, pct, rotation, send, sleep, startChild, throughput } from "./bench-http.js";

const { values } = parseArgs({ options: { iterations: { type: "string", default: "400" } } });
const here = new URL(".", import.meta.url).pathname;
const firstLineJson = (out) => (out.includes("\n") ? JSON.parse(out.split("\n")[0]) : null);

const up = await startChild(process.execPath, [`${here}upstream.js`], {}, firstLineJson);
const children = [up.child];
const proxy = async (args) => {
  const p = await startChild(
    process.execPath,
    [...args, String(up.value.upstream)],
    {},
    (o) => firstLineJson(o)?.port,
  );
  children.push(p.child);
  return p.value;
};
const ports = {
  "TCP relay": await proxy([`${here}raw-proxies.js`, "tcp"]),
  "minimal proxy (http server + http.request)": await proxy([`${here}min-proxy.js`]),
  "http server + raw client": await proxy([`${here}raw-proxies.js`, "raw-client"]),
  "raw server + raw client": await proxy([`${here}raw-proxies.js`, "raw-both"]),
};
const path = "/v1/chat/completions";
const body = chatBody(false);
const paths = { direct: () => send(up.value.upstream, path, body) };
for (const [name, port] of Object.entries(ports)) paths[name] = () => send(port, path, body);
for (const worker of Object.values(paths)) await throughput(worker, 32, 2000);
const { samples, floor } = await rotation(paths, {
  iterations: Number(values.iterations),
  idleMs: 20,
  floor: () => send(up.value.floor, "/", "{}"),
});
const paced = pct(floor, 50);
console.log(`paced floor p50 ${paced.toFixed(3)} ms`);
for (const name of Object.keys(ports)) {
  const added = pct(samples[name], 50) - pct(samples.direct, 50);
  console.log(`${name}: adds ${added.toFixed(3)} ms (${(added / paced).toFixed(2)}× paced floor)`);
}
for (const child of children) child.kill("SIGINT");
agent.destroy();
await sleep(300);
