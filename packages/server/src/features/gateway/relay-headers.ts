/**
 * Which headers cross the proxy: everything but hop-by-hop headers and genchi's own `x-genchi-*`.
 *
 * The hot path works on Node's raw header lists (`rawHeaders`: name, value, name, value, …):
 * relaying them as lists keeps the client's and upstream's own names and repeated headers, and
 * skips building header objects on every request.
 */
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

export interface UpstreamHeaderOptions {
  /** Replaces the client's credentials when set (`x-api-key` for Anthropic, a bearer token otherwise). */
  apiKey: string | null;
  anthropic: boolean;
  bodyLength: number;
  /** Ask for an uncompressed response (genchi rewrites the stream it relays). */
  identity: boolean;
}

/** Header names a `Connection` header lists: hop-by-hop for this request only. */
function connectionNamed(value: string | undefined): Set<string> | null {
  if (!value) return null;
  const named = new Set<string>();
  for (const h of value.split(",")) named.add(h.trim().toLowerCase());
  return named;
}

/** Whether a request header (lower-case name) goes upstream as the client sent it. */
function relayedUpstream(lower: string, named: Set<string> | null, options: UpstreamHeaderOptions): boolean {
  if (hopByHop.has(lower) || named?.has(lower) || lower.startsWith("x-genchi-")) return false;
  if (lower === "content-length") return false;
  if (options.identity && lower === "accept-encoding") return false;
  if (options.apiKey && (lower === "authorization" || lower === "x-api-key")) return false;
  return true;
}

/** The headers genchi sets itself on an upstream request, as name/value pairs. */
function ownUpstreamHeaders(options: UpstreamHeaderOptions): [string, string][] {
  const own: [string, string][] = [["content-length", String(options.bodyLength)]];
  if (options.identity) own.push(["accept-encoding", "identity"]);
  if (options.apiKey) {
    own.push(
      options.anthropic ? ["x-api-key", options.apiKey] : ["authorization", `Bearer ${options.apiKey}`],
    );
  }
  return own;
}

/** A raw header's value by lower-case name (the first one), without building `req.headers`. */
export function rawHeader(raw: readonly string[], lowerName: string): string | undefined {
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length === lowerName.length && name.toLowerCase() === lowerName) return raw[i + 1];
  }
  return undefined;
}

/**
 * The client's raw request headers as sent upstream, as a raw list with `host` first
 * (credentials untouched unless an upstream key is configured).
 *
 * @example upstreamRequestHeaderList(req.rawHeaders, "api.openai.com", { apiKey: null, anthropic: false, bodyLength: 42, identity: false })
 */
export function upstreamRequestHeaderList(
  raw: readonly string[],
  host: string,
  options: UpstreamHeaderOptions,
): string[] {
  const named = connectionNamed(rawHeader(raw, "connection"));
  const out = ["host", host];
  for (let i = 0; i < raw.length; i += 2) {
    if (relayedUpstream(raw[i]!.toLowerCase(), named, options)) out.push(raw[i]!, raw[i + 1]!);
  }
  for (const [name, value] of ownUpstreamHeaders(options)) out.push(name, value);
  return out;
}

/** A text as a header value: printable ASCII only (anything else becomes "?"), at most 500 characters. */
export function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, "?").slice(0, 500);
}

/**
 * The upstream's raw response headers as sent to the client, plus genchi's own, as a raw list:
 * `x-genchi-call-id`, and `x-genchi-pin-warning` when the pin policy `warn` let a request pass.
 *
 * @example res.writeHead(200, clientResponseHeaderList(upRes.rawHeaders, { dropLength: false, callId }))
 */
export function clientResponseHeaderList(
  raw: readonly string[],
  options: { dropLength: boolean; callId: string; pinWarning?: string | undefined },
): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const lower = raw[i]!.toLowerCase();
    if (hopByHop.has(lower) || (options.dropLength && lower === "content-length")) continue;
    out.push(raw[i]!, raw[i + 1]!);
  }
  out.push("x-genchi-call-id", options.callId);
  if (options.pinWarning) out.push("x-genchi-pin-warning", headerSafe(options.pinWarning));
  return out;
}

/**
 * A raw header list as Node's `IncomingMessage.headers` object: lower-case names, repeated
 * values joined by ", " (`set-cookie` kept as a list).
 */
export function headersObjectOf(raw: readonly string[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!;
    const had = out[name];
    if (name === "set-cookie") out[name] = Array.isArray(had) ? [...had, value] : [value];
    else out[name] = had === undefined ? value : `${had}, ${value}`;
  }
  return out;
}
