/**
 * `GET /sdk/feedback.js`: the browser feedback snippet (an ES module, see
 * packages/sdk/src/browser/genchi-feedback.ts), read from the built SDK once and served with
 * CORS so a page on any origin can `import` it. No key needed: the key is the page's.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { GenchiError } from "@genchi/spec";
import type { FastifyPluginAsync } from "fastify";

/** The built snippet next to the SDK's entry point (`dist/browser/genchi-feedback.js`). */
export function feedbackSnippetPath(): string {
  return fileURLToPath(new URL("./browser/genchi-feedback.js", import.meta.resolve("@genchi/sdk")));
}

export const sdkRoutes: FastifyPluginAsync = async (app) => {
  let snippet: Promise<string> | undefined;
  const load = () =>
    readFile(feedbackSnippetPath(), "utf8").then((text) =>
      text.replace(/\n\/\/# sourceMappingURL=.*\s*$/, "\n"),
    );

  app.get("/sdk/feedback.js", async (_request, reply) => {
    snippet ??= load();
    let text: string;
    try {
      text = await snippet;
    } catch {
      snippet = undefined;
      throw new GenchiError(
        "GENCHI_NOT_FOUND",
        "the SDK is not built: run `npm run build` in the genchi folder",
      );
    }
    return reply
      .header("content-type", "text/javascript; charset=utf-8")
      .header("access-control-allow-origin", "*")
      .header("cache-control", "public, max-age=300")
      .send(text);
  });
};
