/**
 * Serves the built web UI (packages/web/dist): hashed files under /assets/ with long cache
 * headers, and index.html for every other GET that is not an API path, so client routes
 * like /calls/:id load the app. /api/* and /v1/* never get HTML: unknown ones stay JSON 404s.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyPluginAsync } from "fastify";

export interface WebRoutesOptions {
  /** The folder of the built UI; default packages/web/dist next to this package. */
  distDir?: string;
}

/** packages/web/dist, from both src/ (tests) and dist/ (built server): same depth. */
export function defaultWebDist(): string {
  return fileURLToPath(new URL("../../../../web/dist", import.meta.url));
}

const notBuiltPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>genchi</title></head>
<body style="font:14px system-ui;padding:40px;max-width:640px">
<h1>genchi</h1><p>The web UI is not built yet. Run <code>npm run build</code> (or <code>npm start</code>)
in the genchi folder, then reload. The REST API works meanwhile at <code>/api/v1</code>.</p></body></html>`;

/**
 * @example app.register(webRoutes, {}) // register last, after every API route
 */
export const webRoutes: FastifyPluginAsync<WebRoutesOptions> = async (app, options) => {
  const dist = options.distDir ?? defaultWebDist();
  const assets = join(dist, "assets");
  if (existsSync(assets)) {
    await app.register(fastifyStatic, {
      root: assets,
      prefix: "/assets/",
      index: false,
      cacheControl: true,
      immutable: true,
      maxAge: "365d",
      decorateReply: false,
    });
  }

  app.get("/*", async (request, reply) => {
    const path = request.url.split("?")[0] ?? "/";
    if (/^\/(api|v1)(\/|$)/.test(path) || /\.[a-z0-9]+$/i.test(path)) {
      return reply.code(404).send({
        error: { code: "GENCHI_NOT_FOUND", message: `no route ${request.method} ${path}` },
      });
    }
    let html: string;
    try {
      html = await readFile(join(dist, "index.html"), "utf8");
    } catch {
      html = notBuiltPage;
    }
    return reply
      .header("cache-control", "no-cache")
      .header("x-content-type-options", "nosniff")
      .type("text/html; charset=utf-8")
      .send(html);
  });
};
