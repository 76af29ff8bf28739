/** Keep-alive connection pools to upstreams, shared by every gateway request (and the shadow worker). */
import http from "node:http";
import https from "node:https";

export const upstreamAgents = {
  http: new http.Agent({ keepAlive: true, keepAliveMsecs: 10_000, maxSockets: 256, maxFreeSockets: 256 }),
  https: new https.Agent({ keepAlive: true, keepAliveMsecs: 10_000, maxSockets: 256, maxFreeSockets: 256 }),
};

/** The request function and agent for a URL's protocol. */
export function transportFor(url: URL): { request: typeof http.request; agent: http.Agent } {
  return url.protocol === "https:"
    ? { request: https.request, agent: upstreamAgents.https }
    : { request: http.request, agent: upstreamAgents.http };
}
