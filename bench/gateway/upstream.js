// Bench upstream, in its own process: a bare server that answers at once (the floor: one
// loopback hop) and an OpenAI-compatible chat server that answers after --delay ms, streamed
// or not (stream: first content chunk after the delay, then 8 more every 2 ms, usage chunk on request).
// Also a naive pipe proxy in front of the upstream, for reference.
// Prints {"floor":PORT,"upstream":PORT,"naive":PORT} on stdout when ready.
import http from "node:http";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { delay: { type: "string", default: "20" } } });
const delay = Number(values.delay);

const floor = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json", "content-length": 2 });
    res.end("{}");
  });
});

const words = "The customer asks for a refund of the duplicate charge on the last invoice".split(" ");
const completion = (model) =>
  JSON.stringify({
    id: "chatcmpl-bench0000000000000000000000",
    object: "chat.completion",
    created: 1732000000,
    model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: words.join(" "), refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: "stop",
      },
    ],
    usage: { prompt_tokens: 120, completion_tokens: 16, total_tokens: 136 },
    service_tier: "default",
    system_fingerprint: "fp_bench",
  });

const chunk = (model, delta, finish, withUsage) =>
  `data: ${JSON.stringify({
    id: "chatcmpl-bench",
    object: "chat.completion.chunk",
    created: 1732000000,
    model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...(withUsage ? { usage: null } : {}),
  })}\n\n`;

const upstream = http.createServer((req, res) => {
  const parts = [];
  req.on("data", (c) => parts.push(c));
  req.on("end", () => {
    let body = {};
    try {
      body = JSON.parse(Buffer.concat(parts).toString());
    } catch {}
    const model = body.model === "gpt-4o-mini" ? "gpt-4o-mini-2024-07-18" : String(body.model);
    setTimeout(() => {
      if (body.stream !== true) {
        const text = completion(model);
        res.writeHead(200, {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(text),
          "x-request-id": "req_bench",
        });
        res.end(text);
        return;
      }
      const usage = body.stream_options?.include_usage === true;
      res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" });
      res.write(chunk(model, { role: "assistant", content: words[0] }, null, usage));
      let i = 1;
      const timer = setInterval(() => {
        if (i < 9) {
          res.write(chunk(model, { content: ` ${words[i]}` }, null, usage));
          i++;
          return;
        }
        clearInterval(timer);
        res.write(chunk(model, {}, "stop", usage));
        if (usage) {
          res.write(
            `data: ${JSON.stringify({ id: "chatcmpl-bench", object: "chat.completion.chunk", created: 1732000000, model, choices: [], usage: { prompt_tokens: 120, completion_tokens: 9, total_tokens: 129 } })}\n\n`,
          );
        }
        res.end("data: [DONE]\n\n");
      }, 2);
    }, delay);
  });
});
// A naive Node proxy (pipe to the upstream over a keep-alive agent): the reference a gateway is judged against.
const proxyAgent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const naive = http.createServer((req, res) => {
  const up = http.request(
    {
      host: "127.0.0.1",
      port: upstream.address().port,
      method: req.method,
      path: req.url,
      headers: req.headers,
      agent: proxyAgent,
    },
    (upRes) => {
      res.writeHead(upRes.statusCode, upRes.headers);
      upRes.pipe(res);
    },
  );
  req.pipe(up);
});
naive.keepAliveTimeout = 60_000;
upstream.keepAliveTimeout = 60_000;
floor.keepAliveTimeout = 60_000;

await new Promise((r) => floor.listen(0, "127.0.0.1", r));
await new Promise((r) => upstream.listen(0, "127.0.0.1", r));
await new Promise((r) => naive.listen(0, "127.0.0.1", r));
process.stdout.write(
  `${JSON.stringify({ floor: floor.address().port, upstream: upstream.address().port, naive: naive.address().port })}\n`,
);
