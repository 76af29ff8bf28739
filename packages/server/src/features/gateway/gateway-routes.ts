/**
 * The gateway routes (`/v1/chat/completions`, `/v1/responses`, `/v1/embeddings`, `/v1/messages`,
 * `/v1/models`) and `GET /api/v1/gateway/stats`. Registered in their own plugin with a raw-buffer
 * body parser, so request bodies are relayed byte for byte. Most gateway requests never reach these
 * routes: http/gateway-fast-path.ts serves them before Fastify; these take what it leaves (a
 * trailing slash, say) and own the gateway's lifetime (stopped with the app).
 */
import { api } from "@genchi/spec";
import type { FastifyPluginAsync } from "fastify";
import { mount } from "../../platform/http/mount.js";
import type { Services } from "../../platform/services.js";
import type { GatewayPath } from "./dialects.js";

const posts: GatewayPath[] = ["/v1/chat/completions", "/v1/responses", "/v1/embeddings", "/v1/messages"];

export const gatewayRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { gateway, auth } = services.gateway;
  const pins = services.models.pins;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));
  app.addHook("onClose", async () => {
    await gateway.stop();
  });

  for (const path of posts) {
    app.post(path, async (request, reply) => {
      const principal = await auth.principalOf(request.headers["x-genchi-key"]);
      await pins.ready(principal.projectId);
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      reply.hijack();
      gateway.proxy.handle(request.raw, reply.raw, principal.projectId, path, body);
    });
  }
  app.get("/v1/models", async (request, reply) => {
    const principal = await auth.principalOf(request.headers["x-genchi-key"]);
    reply.hijack();
    gateway.proxy.handle(request.raw, reply.raw, principal.projectId, "/v1/models", Buffer.alloc(0));
  });

  // The caller's project's counters only: one project never sees another's traffic.
  mount(app, services, api.gateway.stats, async ({ principal }) => gateway.stats(principal.projectId));
};
