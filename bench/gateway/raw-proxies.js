// Proxies that skip parts of Node's http stack, each in its own process, to show what each part
// costs at concurrency 1 (bench/gateway/hops.js runs them side by side). None logs or parses bodies.
//
//   node bench/gateway/raw-proxies.js KIND UPSTREAM_PORT   → prints {"port":N} when ready
//
// KIND:
//   tcp         a TCP relay: one upstream socket per client socket, bytes copied both ways
//               (the cost of one more process on the path, with no HTTP at all)
//   raw-client  Node's http server; upstream requests written by hand on keep-alive sockets,
//               responses parsed by http-parser-js (what genchi's gateway does since session 5)
//   raw-both    the raw client behind a net server that parses requests with http-parser-js
//               (no Node http server either; content-length responses only)
import http from "node:http";
import net from "node:net";
import { HTTPParser } from "http-parser-js";

const [kind, upstreamPortArg] = process.argv.slice(2);
const upstreamPort = Number(upstreamPortArg);

/** Keep-alive upstream connections; `send` writes a request and routes its response to `h`. */
const idle = [];
function upstreamConnection() {
  const c = idle.pop();
  if (c) return c;
  const socket = net.connect(upstreamPort, "127.0.0.1");
  socket.setNoDelay(true);
  socket.on("error", () => {});
  const parser = new HTTPParser(HTTPParser.RESPONSE);
  const conn = { socket, parser, h: null };
  parser[HTTPParser.kOnHeadersComplete] = (info) => conn.h.head(info);
  parser[HTTPParser.kOnBody] = (b) => conn.h.body(b);
  parser[HTTPParser.kOnMessageComplete] = () => {
    const h = conn.h;
    conn.h = null;
    idle.push(conn);
    h.done();
  };
  socket.on("data", (d) => parser.execute(d));
  return conn;
}

function send(url, rawHeaders, body, h) {
  const conn = upstreamConnection();
  conn.parser.initialize(HTTPParser.RESPONSE);
  conn.h = h;
  let head = `POST ${url} HTTP/1.1\r\nHost: 127.0.0.1:${upstreamPort}\r\n`;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const k = rawHeaders[i].toLowerCase();
    if (k === "host" || k === "connection" || k === "content-length") continue;
    head += `${rawHeaders[i]}: ${rawHeaders[i + 1]}\r\n`;
  }
  head += `Content-Length: ${body.length}\r\n\r\n`;
  conn.socket.cork();
  conn.socket.write(head, "latin1");
  conn.socket.write(body);
  conn.socket.uncork();
}

const relayed = (headers) => {
  const out = [];
  for (let i = 0; i < headers.length; i += 2) {
    const k = headers[i].toLowerCase();
    if (k !== "connection" && k !== "keep-alive" && k !== "transfer-encoding")
      out.push(headers[i], headers[i + 1]);
  }
  return out;
};

let server;
if (kind === "tcp") {
  server = net.createServer((client) => {
    client.setNoDelay(true);
    const up = net.connect(upstreamPort, "127.0.0.1");
    up.setNoDelay(true);
    client.on("data", (d) => up.write(d));
    up.on("data", (d) => client.write(d));
    client.on("close", () => up.destroy());
    up.on("close", () => client.destroy());
    client.on("error", () => {});
    up.on("error", () => {});
  });
} else if (kind === "raw-client") {
  server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () =>
      send(req.url, req.rawHeaders, Buffer.concat(chunks), {
        head: (info) => {
          // No return value: a truthy one would tell the parser to skip the body.
          res.writeHead(info.statusCode, relayed(info.headers));
        },
        body: (b) => res.write(b),
        done: () => res.end(),
      }),
    );
  });
  server.keepAliveTimeout = 60_000;
} else if (kind === "raw-both") {
  server = net.createServer((client) => {
    client.setNoDelay(true);
    client.on("error", () => {});
    const parser = new HTTPParser(HTTPParser.REQUEST);
    let info = null;
    const chunks = [];
    parser[HTTPParser.kOnHeadersComplete] = (i) => {
      info = i;
    };
    parser[HTTPParser.kOnBody] = (b) => chunks.push(Buffer.from(b));
    parser[HTTPParser.kOnMessageComplete] = () => {
      const body = Buffer.concat(chunks);
      chunks.length = 0;
      let head = null;
      send(info.url, info.headers, body, {
        head: (r) => {
          const h = relayed(r.headers);
          head = `HTTP/1.1 ${r.statusCode} ${r.statusMessage}\r\n`;
          for (let i = 0; i < h.length; i += 2) head += `${h[i]}: ${h[i + 1]}\r\n`;
          head += "\r\n";
        },
        body: (b) => {
          client.cork();
          if (head !== null) client.write(head, "latin1");
          head = null;
          client.write(b);
          client.uncork();
        },
        done: () => {
          if (head !== null) client.write(head, "latin1");
        },
      });
    };
    client.on("data", (d) => parser.execute(d));
  });
} else {
  console.error("usage: node bench/gateway/raw-proxies.js tcp|raw-client|raw-both UPSTREAM_PORT");
  process.exit(2);
}
server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ port: server.address().port })));
