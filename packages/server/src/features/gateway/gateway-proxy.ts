/**
 * The proxy itself: forwards one gateway request to its upstream and relays the response
 * (status, headers, body bytes, stream chunks as they arrive), then hands what it saw to the
 * log queue and the shadow dispatcher once the response is sent.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { decidePin, type PinPolicyName, type PinRule } from "@genchi/core";
import { uuidv7 } from "@genchi/sdk";
import type { CallIn, ErrorBody, ErrorCode } from "@genchi/spec";
import { jsonDepthExceeds, jsonDepthMessage } from "../../platform/util/json-depth.js";
import { AfterResponse } from "./after-response.js";
import type { GatewayPath } from "./dialects.js";
import { buildGatewayCall, type Exchange, gatewayMetaOf, routeOf } from "./gateway-call.js";
import {
  clientResponseHeaderList,
  headersObjectOf,
  rawHeader,
  upstreamRequestHeaderList,
} from "./relay-headers.js";
import type { UpstreamClient, UpstreamExchange, UpstreamResponseHandler } from "./upstream-client.js";
import { resolveUpstream, type UpstreamSetting } from "./upstreams.js";
import { UsageHider } from "./usage-hider.js";

/** Where pins and the policy of a project come from (config, API); read synchronously on the hot path. */
export interface PinSource {
  policyFor(projectId: string): PinPolicyName;
  pinsFor(projectId: string): readonly PinRule[];
}

/** What happens after a response is sent: logging and shadowing. */
export interface ExchangeSink {
  /** Takes the call unbuilt: it is built when its batch is written, not while responses are relayed. */
  logged(projectId: string, call: () => CallIn): void;
  sent(projectId: string, exchange: Exchange, headers: Record<string, string | string[] | undefined>): void;
}

export interface GatewayProxyOptions {
  upstreams: () => Readonly<Record<string, UpstreamSetting>>;
  client: UpstreamClient;
  timeoutMs: number;
  pins: PinSource;
  sink: ExchangeSink;
  /** Told of each request the pin policy `warn` let pass (the caller throttles its log line). */
  onPinWarning?: (projectId: string, warning: string) => void;
}

type Json = Record<string, unknown>;

/** Marks a body nested deeper than genchi takes (see util/json-depth.ts). */
const tooDeep = Symbol("too deep");

/** The body's JSON object; null for no body, not JSON or not an object (relayed as is); `tooDeep` to refuse. */
function parseJson(body: Buffer): Json | null | typeof tooDeep {
  if (body.length === 0) return null;
  let v: unknown;
  try {
    v = JSON.parse(body.toString("utf8"));
  } catch {
    return null;
  }
  // Checked before anything walks it: a rewrite or the logged call would overflow the stack.
  if (jsonDepthExceeds(v)) return tooDeep;
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : null;
}

/**
 * Answers with a JSON error on a raw response (the gateway's requests bypass Fastify); a
 * response already under way is cut instead.
 */
export function writeJsonError(
  res: ServerResponse,
  status: number,
  body: ErrorBody,
  headers: OutgoingHttpHeaders = {},
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function sendGenchiError(
  res: ServerResponse,
  status: number,
  code: ErrorCode,
  message: string,
  callId: string,
): void {
  writeJsonError(res, status, { error: { code, message } }, { "x-genchi-call-id": callId });
}

const usageOption = Buffer.from('"stream_options":{"include_usage":true},');

/**
 * A JSON object's bytes with one field added first: `{"a":1}` + `"b":2,` → `{"b":2,"a":1}`.
 * `field` ends with a comma, so the object must have a field of its own (a stream request has `stream`).
 */
function withLeadingField(body: Buffer, field: Buffer): Buffer {
  const open = body.indexOf(0x7b /* { */);
  return Buffer.concat([body.subarray(0, open + 1), field, body.subarray(open + 1)]);
}

/**
 * Builds the call later. Made out here so the closure holds the exchange alone: one made inside
 * `handle` would keep the request, the response and their sockets' objects alive until written.
 */
function callBuilder(x: Exchange): () => CallIn {
  return () => buildGatewayCall(x);
}

export class GatewayProxy {
  /** What follows each response (exchange, log, shadow offer), run once the client has been let go. */
  readonly afterResponse: AfterResponse;

  constructor(private readonly options: GatewayProxyOptions) {
    this.afterResponse = new AfterResponse((error) =>
      process.stderr.write(
        `genchi: after a gateway response: ${error instanceof Error ? error.message : String(error)}\n`,
      ),
    );
  }

  /**
   * Proxies one request whose body was read whole (request bodies are small; responses stream).
   *
   * @example proxy.handle(request.raw, reply.raw, projectId, "/v1/chat/completions", body)
   */
  handle(
    req: IncomingMessage,
    res: ServerResponse,
    projectId: string,
    path: GatewayPath | "/v1/models",
    body: Buffer,
  ): void {
    const started = performance.now();
    // The call id and the upstream timer are made once the request has gone upstream (at the end).
    let id = "";
    const idNow = () => {
      if (id === "") id = uuidv7();
      return id;
    };
    const json = req.method === "POST" ? parseJson(body) : null;
    if (json === tooDeep) {
      sendGenchiError(res, 400, "GENCHI_VALIDATION", jsonDepthMessage("the request body"), idNow());
      return;
    }
    const parsed = json;
    const requestedModel = typeof parsed?.["model"] === "string" ? parsed["model"] : null;
    const warnings: string[] = [];
    let forwardModel = requestedModel;
    let resolvedFrom: string | null = null;
    const logPath: GatewayPath | null = path === "/v1/models" ? null : path;

    const exchange = (over: Partial<Exchange>): Exchange => ({
      id: idNow(),
      timestamp: new Date(Date.now() - (performance.now() - started)).toISOString(),
      path: logPath ?? "/v1/chat/completions",
      upstream: "openai",
      requestBody: parsed,
      requestedModel,
      forwardedModel: forwardModel,
      meta: gatewayMetaOf(req.headers),
      warnings,
      resolvedFrom,
      status: null,
      responseHeaders: {},
      chunks: [],
      chunkTimes: [],
      complete: false,
      latencyMs: performance.now() - started,
      gatewayError: null,
      ...over,
    });
    const log = (x: Exchange) => {
      if (!logPath) return;
      this.options.sink.logged(projectId, callBuilder(x));
    };

    if (requestedModel && logPath && logPath !== "/v1/embeddings") {
      const decision = decidePin(
        this.options.pins.policyFor(projectId),
        this.options.pins.pinsFor(projectId),
        routeOf(rawHeader(req.rawHeaders, "x-genchi-route")),
        requestedModel,
      );
      if (decision.type === "reject") {
        sendGenchiError(res, 400, "GENCHI_MODEL_NOT_PINNED", decision.message, idNow());
        log(exchange({ gatewayError: decision.message, status: 400, complete: true }));
        return;
      }
      if (decision.type === "warn") {
        warnings.push(decision.warning);
        this.options.onPinWarning?.(projectId, decision.warning);
      }
      if (decision.type === "resolve") {
        forwardModel = decision.model;
        resolvedFrom = decision.from;
      }
    }

    let upstream: ReturnType<typeof resolveUpstream>;
    try {
      upstream = resolveUpstream(this.options.upstreams(), path, forwardModel);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      sendGenchiError(res, 400, "GENCHI_BAD_CONFIG", message, idNow());
      return;
    }
    const upstreamName = upstream.name;
    forwardModel = upstream.model;

    // Rewrite the body only when genchi must (provider prefix, pin resolution, usage for streams).
    const wantsStream = parsed?.["stream"] === true;
    const streamOptions = parsed?.["stream_options"];
    const clientAskedUsage =
      typeof streamOptions === "object" &&
      streamOptions !== null &&
      (streamOptions as Json)["include_usage"] === true;
    const injectUsage = path === "/v1/chat/completions" && wantsStream && !clientAskedUsage;
    let outBody = body;
    if (parsed && forwardModel === requestedModel && injectUsage && streamOptions === undefined) {
      // The common case (a stream whose client did not ask for usage): add the option in front
      // of the client's own bytes instead of serializing the whole body again.
      outBody = withLeadingField(body, usageOption);
    } else if (parsed && (forwardModel !== requestedModel || injectUsage)) {
      const rewritten: Json = { ...parsed, model: forwardModel };
      if (injectUsage)
        rewritten["stream_options"] = { ...((streamOptions as Json | undefined) ?? {}), include_usage: true };
      outBody = Buffer.from(JSON.stringify(rewritten));
    }

    const chunks: Buffer[] = [];
    const chunkTimes: number[] = [];
    let finished = false;
    let responded = false;
    let timer: NodeJS.Timeout | null = null;
    let responseHeaders: string[] = [];
    const finish = (over: Partial<Exchange>) => {
      if (finished) return;
      finished = true;
      if (timer) clearTimeout(timer);
      const latencyMs = performance.now() - started;
      this.afterResponse.defer(() => {
        const x = exchange({
          upstream: upstreamName,
          chunks,
          chunkTimes,
          latencyMs,
          responseHeaders: headersObjectOf(responseHeaders),
          ...over,
        });
        log(x);
        if (x.status !== null && x.status < 400 && x.complete && logPath) {
          this.options.sink.sent(projectId, x, req.headers);
        }
      });
    };
    /** genchi answers in the upstream's place (unreachable, too slow, request not sendable); logged as an error. */
    const answerForUpstream = (httpStatus: 502 | 504, message: string) => {
      sendGenchiError(res, httpStatus, "GENCHI_UPSTREAM", message, idNow());
      finish({ gatewayError: message });
    };

    // The response is relayed first; what genchi keeps for itself is noted after each write.
    let status = 502;
    let hider: UsageHider | null = null;
    let upstreamCall: UpstreamExchange;
    let paused = false;
    const relay: UpstreamResponseHandler = {
      onHead: (code, statusMessage, rawHeaders) => {
        responded = true;
        status = code;
        responseHeaders = rawHeaders;
        const isSse = (rawHeader(rawHeaders, "content-type") ?? "").includes("text/event-stream");
        const filter = injectUsage && isSse && status < 400;
        res.writeHead(
          status,
          statusMessage,
          clientResponseHeaderList(rawHeaders, {
            dropLength: filter,
            callId: idNow(),
            pinWarning: warnings[0],
          }),
        );
        if (filter) hider = new UsageHider();
      },
      onData: (chunk) => {
        const out = hider ? hider.push(chunk) : chunk;
        // A client slower than the upstream: stop reading until it has taken what was written.
        if (out.length > 0 && !res.write(out) && !paused) {
          paused = true;
          upstreamCall.pause();
          res.once("drain", () => {
            paused = false;
            upstreamCall.resume();
          });
        }
        chunks.push(chunk);
        chunkTimes.push(performance.now() - started);
      },
      onEnd: () => {
        const rest = hider?.flush() ?? "";
        if (rest.length > 0) res.write(rest);
        res.end();
        finish({ status, complete: true });
      },
      onError: (error, afterHead) => {
        if (finished) return;
        if (!afterHead) {
          answerForUpstream(
            502,
            `upstream '${upstreamName}' unreachable: ${error.message}; check its base URL (--upstream ${upstreamName}=BASE_URL)`,
          );
          return;
        }
        // The upstream cut the response: cut the client's the same way.
        res.destroy();
        finish({ status, complete: false });
      },
    };
    // Raw header lists both ways: no header objects are built before the request goes upstream.
    try {
      upstreamCall = this.options.client.request(
        upstream,
        req.method ?? "POST",
        `${upstream.basePath}${req.url ?? path}`,
        upstreamRequestHeaderList(req.rawHeaders, upstream.url.host, {
          apiKey: upstream.apiKey,
          anthropic: path === "/v1/messages",
          bodyLength: outBody.length,
          identity: injectUsage,
        }),
        outBody,
        relay,
      );
    } catch (error) {
      // A header genchi cannot send (a configured key with a line break in it, say).
      answerForUpstream(
        502,
        `could not send the request to upstream '${upstreamName}': ${error instanceof Error ? error.message : String(error)}`,
      );
      return;
    }
    res.on("close", () => {
      if (finished || res.writableFinished) return;
      upstreamCall.abort();
      finish({ gatewayError: "the client closed the connection before the response was complete" });
    });

    // Set up on the next turn: the request is already written, and nothing here should come before relaying.
    setImmediate(() => {
      idNow();
      if (finished || responded) return;
      timer = setTimeout(() => {
        if (responded) return; // only the wait for the response head is timed
        upstreamCall.abort();
        answerForUpstream(
          504,
          `upstream '${upstreamName}' sent no response within ${this.options.timeoutMs} ms; raise gateway.upstreamTimeoutMs or check the upstream`,
        );
      }, this.options.timeoutMs);
    });
  }
}
