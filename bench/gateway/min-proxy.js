// The least a separate-process Node proxy can do: read the body, forward it over a keep-alive
// agent, relay status, headers and bytes. No logging, no parsing. The reference that shows what
// one more process on the path costs on this machine, apart from anything genchi does.
//
//   node bench/gateway/min-proxy.js UPSTREAM_PORT   → prints {"port":N} when ready
import http from "node:http";

const upstreamPort = Number(process.argv[2]);
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    const headers = { ...req.headers, "content-length": body.length };
    delete headers.host;
    delete headers.connection;
    const up = http.request(
      { host: "127.0.0.1", port: upstreamPort, method: req.method, path: req.url, headers, agent },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.on("data", (c) => res.write(c));
        upRes.on("end", () => res.end());
      },
    );
    up.on("socket", (s) => s.setNoDelay(true));
    up.on("error", () => res.destroy());
    up.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ port: server.address().port })));
