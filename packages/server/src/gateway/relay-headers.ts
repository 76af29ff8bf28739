/** Which headers cross the proxy: everything but hop-by-hop headers and genchi's own `x-genchi-*`. */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";

const hopByHop = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "host",
]);

/** The client's request headers as sent upstream (credentials included, untouched unless an upstream key is configured). */
export function upstreamRequestHeaders(
  headers: IncomingHttpHeaders,
  options: { apiKey: string | null; anthropic: boolean; bodyLength: number; identity: boolean },
): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  const named = new Set<string>();
  for (const h of (headers.connection ?? "").split(",")) named.add(h.trim().toLowerCase());
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || hopByHop.has(name) || named.has(name) || name.startsWith("x-genchi-"))
      continue;
    if (name === "content-length") continue;
    out[name] = value;
  }
  out["content-length"] = options.bodyLength;
  if (options.identity) out["accept-encoding"] = "identity";
  if (options.apiKey) {
    if (options.anthropic) {
      out["x-api-key"] = options.apiKey;
      delete out["authorization"];
    } else {
      out["authorization"] = `Bearer ${options.apiKey}`;
      delete out["x-api-key"];
    }
  }
  return out;
}

/** The upstream's response headers as sent to the client. */
export function clientResponseHeaders(
  headers: IncomingHttpHeaders,
  options: { dropLength: boolean },
): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || hopByHop.has(name)) continue;
    if (options.dropLength && name === "content-length") continue;
    out[name] = value;
  }
  return out;
}
