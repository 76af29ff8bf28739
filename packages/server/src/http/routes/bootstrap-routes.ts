/**
 * `GET /api/v1/bootstrap` (no key): tells the UI whether it runs in local mode (server bound
 * to loopback and the request from loopback) and, only then, hands it the default
 * project's key so it opens straight in; otherwise the UI asks for a key.
 */
import type { Bootstrap } from "@genchi/spec";
import type { FastifyPluginAsync } from "fastify";

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

export const bootstrapRoutes: FastifyPluginAsync<BootstrapOptions> = async (app, options) => {
  app.get("/api/v1/bootstrap", async (request, reply): Promise<Bootstrap> => {
    reply.header("cache-control", "no-store");
    const localMode = isLoopback(options.host) && isLoopback(request.socket.remoteAddress);
    return localMode && options.defaultKey
      ? { localMode, project: "default", key: options.defaultKey }
      : { localMode, project: "default" };
  });
};
