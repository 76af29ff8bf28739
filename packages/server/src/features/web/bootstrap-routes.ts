/**
 * `GET /api/v1/bootstrap` (no key): tells the UI whether it runs in local mode (server bound
 * to loopback, the request from loopback and addressed to a loopback name) and, only then,
 * hands it the default project's key so it opens straight in; otherwise the UI asks for a key.
 * The Host check stops DNS rebinding: a page on an attacker's name resolving to 127.0.0.1
 * reaches the server from the user's browser, but its requests name the attacker's host.
 */
import { api, type Bootstrap } from "@genchi/spec";
import type { FastifyPluginAsync } from "fastify";
import { mount } from "../../platform/http/mount.js";

export interface BootstrapOptions {
  /** The interface the server is bound to (config.host). */
  host: string;
  /** The default project's key, when the server knows it. */
  defaultKey: string | null;
}

/**
 * @example isLoopback("127.0.0.1") // → true; isLoopback("0.0.0.0") // → false
 */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.replace(/^\[|\]$/g, "").toLowerCase();
  return a === "localhost" || a === "::1" || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(a);
}

/**
 * The hostname of a Host header (`name`, `name:port`, `[v6]`, `[v6]:port`); undefined when it
 * is none of those.
 *
 * @example hostnameOf("[::1]:4242") // → "::1"; hostnameOf("localhost:80.evil.example") // → undefined
 */
export function hostnameOf(host: string | undefined): string | undefined {
  if (!host) return undefined;
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/.exec(host);
  return m ? (m[1] ?? m[2]) : undefined;
}

export const bootstrapRoutes: FastifyPluginAsync<BootstrapOptions> = async (app, options) => {
  mount(app, null, api.bootstrap.get, async ({ request, reply }): Promise<Bootstrap> => {
    reply.header("cache-control", "no-store");
    const localMode =
      isLoopback(options.host) &&
      isLoopback(request.socket.remoteAddress) &&
      isLoopback(hostnameOf(request.headers.host));
    return localMode && options.defaultKey
      ? { localMode, project: "default", key: options.defaultKey }
      : { localMode, project: "default" };
  });
};
