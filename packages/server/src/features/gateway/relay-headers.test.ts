import { describe, expect, it } from "vitest";
import {
  clientResponseHeaderList,
  headersObjectOf,
  rawHeader,
  upstreamRequestHeaderList,
} from "./relay-headers.js";

const raw = [
  "Host",
  "127.0.0.1:8787",
  "Content-Type",
  "application/json",
  "Content-Length",
  "120",
  "Authorization",
  "Bearer sk-client",
  "Connection",
  "keep-alive, X-Trace",
  "X-Trace",
  "hop",
  "X-Genchi-Key",
  "gk_secret",
  "x-genchi-route",
  "categorize",
  "Accept-Encoding",
  "gzip",
  "X-Custom",
  "a",
  "X-Custom",
  "b",
];
const plain = { apiKey: null, anthropic: false, bodyLength: 99, identity: false };

describe("relay headers", () => {
  it("finds a raw header by name whatever its case", () => {
    expect(rawHeader(raw, "x-genchi-key")).toBe("gk_secret");
    expect(rawHeader(raw, "content-length")).toBe("120");
    expect(rawHeader(raw, "x-missing")).toBeUndefined();
  });

  it("sends the client's headers upstream, without hop-by-hop, genchi's own or its length", () => {
    expect(upstreamRequestHeaderList(raw, "api.example.com", plain)).toEqual([
      "host",
      "api.example.com",
      "Content-Type",
      "application/json",
      "Authorization",
      "Bearer sk-client",
      "Accept-Encoding",
      "gzip",
      "X-Custom",
      "a",
      "X-Custom",
      "b",
      "content-length",
      "99",
    ]);
  });

  it("replaces the credentials with a configured key and asks for identity when told", () => {
    const openai = upstreamRequestHeaderList(raw, "h", { ...plain, apiKey: "sk-up", identity: true });
    expect(rawHeader(openai, "authorization")).toBe("Bearer sk-up");
    expect(rawHeader(openai, "accept-encoding")).toBe("identity");
    expect(openai.filter((v) => v.toLowerCase() === "authorization")).toHaveLength(1);
    const anthropic = upstreamRequestHeaderList(raw, "h", { ...plain, apiKey: "sk-ant", anthropic: true });
    expect(rawHeader(anthropic, "x-api-key")).toBe("sk-ant");
    expect(rawHeader(anthropic, "authorization")).toBeUndefined();
  });

  it("turns a raw list into Node's header object: lower-case names, repeats joined, set-cookie a list", () => {
    expect(
      headersObjectOf([
        "Content-Type",
        "text/plain",
        "X-A",
        "1",
        "x-a",
        "2",
        "Set-Cookie",
        "a=1",
        "set-cookie",
        "b=2",
      ]),
    ).toEqual({ "content-type": "text/plain", "x-a": "1, 2", "set-cookie": ["a=1", "b=2"] });
    expect(headersObjectOf(["__proto__", "x"]).constructor).toBe(Object);
  });

  it("relays the upstream's response headers with the call id, dropping the length when told", () => {
    const upstream = [
      "Content-Type",
      "text/event-stream",
      "Content-Length",
      "10",
      "Transfer-Encoding",
      "chunked",
      "Set-Cookie",
      "a=1",
      "Set-Cookie",
      "b=2",
    ];
    expect(clientResponseHeaderList(upstream, { dropLength: true, callId: "c1" })).toEqual([
      "Content-Type",
      "text/event-stream",
      "Set-Cookie",
      "a=1",
      "Set-Cookie",
      "b=2",
      "x-genchi-call-id",
      "c1",
    ]);
    expect(
      rawHeader(clientResponseHeaderList(upstream, { dropLength: false, callId: "c1" }), "content-length"),
    ).toBe("10");
  });
});
