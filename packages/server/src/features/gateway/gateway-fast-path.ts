/**
 * The gateway's hot path: gateway requests are served straight from Node's `http` server, ahead of
 * Fastify's router, hooks, body parsers and reply objects, which cost more per request than the
 * proxying itself. A request it does not recognise (another path, a trailing slash, another
 * method) goes on to Fastify, where the same routes are registered as a fallback.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { GenchiError } from "@genchi/spec";
import type { Principal } from "../../platform/http/authenticator.js";
import { errorResponseOf } from "../../platform/http/send-error.js";
import type { GatewayPath } from "./dialects.js";
import type { Gateway } from "./gateway.js";
import type { GatewayAuth } from "./gateway-auth.js";
import { writeJsonError } from "./gateway-proxy.js";
import { rawHeader } from "./relay-headers.js";

export interface GatewayFastPathDeps {
  gateway: Gateway;
  auth: GatewayAuth;
  /** Loads a project's pins; `loaded` says whether that must be waited for, `refresh` renews stale ones in the background. */
  pins: {
    ready(projectId: string): Promise<void>;
    loaded(projectId: string): boolean;
    refresh(projectId: string): void;
  };
  maxBodyBytes: number;
}

/** Handles the request and returns true when it is a gateway request; false leaves it to Fastify. */
export type FastPath = (req: IncomingMessage, res: ServerResponse) => boolean;

const posts = new Set<string>(["/v1/chat/completions", "/v1/responses", "/v1/embeddings", "/v1/messages"]);

function pathOf(url: string): string {
  const q = url.indexOf("?");
  return q === -1 ? url : url.slice(0, q);
}

function sendJsonError(res: ServerResponse, error: unknown, close = false): void {
  const { status, body } = errorResponseOf(error);
  writeJsonError(res, status, body, close ? { connection: "close" } : {});
}

/**
 * @example const fast = gatewayFastPath({ gateway, auth, pins, maxBodyBytes }); if (!fast(req, res)) fastify(req, res)
 */
export function gatewayFastPath(deps: GatewayFastPathDeps): FastPath {
  const { gateway, auth, pins, maxBodyBytes } = deps;
  const tooLarge = () =>
    new GenchiError(
      "GENCHI_PAYLOAD_TOO_LARGE",
      "request body is larger than the server accepts (maxBodyBytes)",
    );

  const proceed = (
    req: IncomingMessage,
    res: ServerResponse,
    principal: Principal,
    path: GatewayPath | "/v1/models",
    body: Buffer,
  ) => {
    const projectId = principal.projectId;
    if (pins.loaded(projectId)) {
      pins.refresh(projectId);
      gateway.proxy.handle(req, res, projectId, path, body);
      return;
    }
    pins.ready(projectId).then(
      () => gateway.proxy.handle(req, res, projectId, path, body),
      (error: unknown) => sendJsonError(res, error),
    );
  };

  const start = (
    req: IncomingMessage,
    res: ServerResponse,
    path: GatewayPath | "/v1/models",
    body: Buffer,
  ) => {
    const header = rawHeader(req.rawHeaders, "x-genchi-key");
    const known = auth.cached(header);
    if (known) {
      proceed(req, res, known, path, body);
      return;
    }
    auth.principalOf(header).then(
      (principal) => proceed(req, res, principal, path, body),
      (error: unknown) => sendJsonError(res, error),
    );
  };

  return (req, res) => {
    const url = req.url ?? "/";
    if (url.charCodeAt(1) !== 118 /* "v" */) return false;
    const path = pathOf(url);
    if (req.method === "GET" && path === "/v1/models") {
      req.resume();
      start(req, res, "/v1/models", Buffer.alloc(0));
      return true;
    }
    if (req.method !== "POST" || !posts.has(path)) return false;
    const gatewayPath = path as GatewayPath;

    const declared = Number(rawHeader(req.rawHeaders, "content-length") ?? Number.NaN);
    if (declared > maxBodyBytes) {
      sendJsonError(res, tooLarge(), true);
      req.resume();
      return true;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const proceedWithBody = () => {
      done = true;
      const body = chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, size);
      start(req, res, gatewayPath, body);
    };
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxBodyBytes) {
        done = true;
        chunks.length = 0;
        sendJsonError(res, tooLarge(), true);
        return;
      }
      chunks.push(chunk);
      // A body of declared length is whole once that many bytes are in: no need to wait for "end".
      if (size === declared) proceedWithBody();
    });
    req.on("end", () => {
      if (!done) proceedWithBody();
    });
    req.on("error", () => {
      done = true;
    });
    return true;
  };
}
