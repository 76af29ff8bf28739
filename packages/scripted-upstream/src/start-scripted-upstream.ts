/**
 * The scripted upstream: an OpenAI- and Anthropic-compatible server over real HTTP on
 * loopback, answering with recorded response shapes. Tests script replies, then assert on
 * what reached it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { anthropicMessages } from "./anthropic-messages.js";
import type { ChatEndpoint, Dialect } from "./chat-endpoint.js";
import { openaiChat } from "./openai-chat.js";
import { embeddingsResponse, modelsResponse } from "./openai-embeddings.js";
import { openaiResponses } from "./openai-responses.js";
import { isRecord } from "./prompt-text.js";
import { type ErrorSpec, providerError } from "./provider-error.js";
import { type RecordedRequest, readRecordedRequest } from "./recorded-request.js";
import { ReplyQueue } from "./reply-queue.js";
import { resolveAnswer } from "./scripted-answer.js";
import { scriptedHexId } from "./scripted-ids.js";
import type { ScriptedReply } from "./scripted-reply.js";
import { sendJson, sendSse, sleep } from "./send-response.js";

export interface ScriptedUpstreamOptions {
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Latency before every response head, unless a reply says otherwise. */
  delayMs?: number;
  /** Latency between stream events, unless a reply says otherwise. */
  chunkDelayMs?: number;
  /** When set, requests must carry this key (`Authorization: Bearer` or `x-api-key`) or get 401. */
  apiKey?: string;
  /**
   * Answers a request that finds no scripted reply waiting, from what it asked (a reply that
   * depends on the request, for concurrent callers); `undefined` falls back to the echo.
   */
  respond?: (request: RecordedRequest) => ScriptedReply | undefined;
}

export interface ScriptedUpstream {
  /** Base URL without `/v1`, e.g. `http://127.0.0.1:53124`. */
  url: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Queues replies, consumed in order by the requests that follow. */
  script(...replies: ScriptedReply[]): void;
  /** How many scripted replies are still waiting. */
  pending(): number;
  /** Forgets recorded requests and waiting replies. */
  reset(): void;
  close(): Promise<void>;
}

const chatEndpoints: Readonly<Record<string, ChatEndpoint>> = {
  "/v1/chat/completions": openaiChat,
  "/v1/responses": openaiResponses,
  "/v1/messages": anthropicMessages,
};

const dialectOf = (path: string): Dialect => (path.startsWith("/v1/messages") ? "anthropic" : "openai");

function requestIdHeaders(dialect: Dialect): Record<string, string> {
  return dialect === "anthropic"
    ? { "request-id": scriptedHexId("req_", 12) }
    : {
        "x-request-id": scriptedHexId("req_", 16),
        "openai-processing-ms": "42",
        "openai-version": "2020-10-01",
      };
}

function sendError(
  res: ServerResponse,
  dialect: Dialect,
  spec: ErrorSpec,
  headers: Record<string, string> = {},
) {
  const error = providerError(dialect, spec);
  sendJson(res, error.status, error.body, { ...requestIdHeaders(dialect), ...error.headers, ...headers });
}

function authorized(req: RecordedRequest, apiKey: string): boolean {
  return req.headers.authorization === `Bearer ${apiKey}` || req.headers["x-api-key"] === apiKey;
}

/**
 * Starts the scripted upstream on loopback.
 *
 * @example
 * const upstream = await startScriptedUpstream();
 * upstream.script({ type: "text", text: "Paris" }, { type: "error", status: 429 });
 * const openai = new OpenAI({ baseURL: `${upstream.url}/v1`, apiKey: "test" });
 * await upstream.close();
 */
export async function startScriptedUpstream(
  options: ScriptedUpstreamOptions = {},
): Promise<ScriptedUpstream> {
  const requests: RecordedRequest[] = [];
  const queue = new ReplyQueue();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const recorded = await readRecordedRequest(req);
    requests.push(recorded);
    const { path, method } = recorded;
    const dialect = dialectOf(path);
    const known =
      method === "GET"
        ? path === "/v1/models"
        : method === "POST" && (path in chatEndpoints || path === "/v1/embeddings");
    if (!known) {
      const message = dialect === "openai" ? `Invalid URL (${method} ${path})` : "Not Found";
      return sendError(res, dialect, { status: 404, message, code: null, param: null });
    }
    if (options.apiKey !== undefined && !authorized(recorded, options.apiKey)) {
      return sendError(res, dialect, { status: 401 });
    }
    if (method === "POST" && !isRecord(recorded.body)) {
      const message =
        dialect === "openai"
          ? "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)"
          : "There was an issue with the request body: it is not valid JSON.";
      return sendError(res, dialect, { status: 400, message, code: null, param: null });
    }
    const body = (recorded.body ?? {}) as Record<string, unknown>;
    const reply = queue.take(path) ?? options.respond?.(recorded);
    await sleep(reply?.delayMs ?? options.delayMs ?? 0);
    const headers = { ...requestIdHeaders(dialect), ...reply?.headers };
    if (reply?.type === "error") return sendError(res, dialect, reply, reply.headers);
    if (reply?.type === "disconnect") return void res.destroy();
    if (path === "/v1/models") return sendJson(res, 200, modelsResponse(), headers);
    if (path === "/v1/embeddings") return sendJson(res, 200, embeddingsResponse(body), headers);
    const endpoint = chatEndpoints[path]!;
    const problem = endpoint.validate(body);
    if (problem) return sendError(res, dialect, problem);
    const answer = resolveAnswer(reply, {
      requestedModel: endpoint.requestedModel(body),
      prompt: endpoint.prompt(body),
      wantsJson: endpoint.wantsJson(body),
      toolCallId: endpoint.toolCallId,
      chunkDelayMs: options.chunkDelayMs ?? 0,
    });
    if (endpoint.wantsStream(body)) return sendSse(res, endpoint.stream(answer, body), answer, headers);
    sendJson(res, 200, endpoint.complete(answer, body), headers);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, "openai", { status: 500, message: String(error) });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    requests,
    script: (...replies) => queue.push(...replies),
    pending: () => queue.size,
    reset() {
      requests.length = 0;
      queue.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
