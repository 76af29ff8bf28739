/**
 * The product-categorizer example: a tiny web app where the model suggests a category for a
 * new product and the user accepts it, edits it, dismisses it or asks for another one.
 * The server asks the model through the SDK's `generateObject` (every attempt logged to
 * genchi, route `categorize`); the page reports what the user did through genchi's browser
 * snippet (`/sdk/feedback.js`) with a public, write-only key.
 *
 *   GENCHI_URL=http://127.0.0.1:4242 GENCHI_KEY=gk_… GENCHI_PUBLIC_KEY=gpk_… \
 *   OPENAI_API_KEY=sk-… node examples/product-categorizer/server.js   # → http://127.0.0.1:5173
 */
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { Genchi, generateObject } from "@genchi/sdk";
import { z } from "zod";

export const categories = ["Footwear", "Outerwear", "Bags", "Fitness", "Home", "Electronics", "Other"];

const suggestionSchema = z.object({ category: z.string().min(1) });

const publicDir = fileURLToPath(new URL("./public/", import.meta.url));
const files = {
  "/": ["index.html", "text/html; charset=utf-8"],
  "/app.js": ["app.js", "text/javascript; charset=utf-8"],
};

/**
 * Starts the example on a free port (or `port`) and resolves with its URL and a `close()`.
 *
 * @param {{ genchiUrl: string, genchiKey: string, publicKey: string, llmBaseUrl: string,
 *   llmApiKey?: string, model?: string, port?: number, ignoreAfterMs?: number }} options
 */
export async function startCategorizer(options) {
  const genchi = new Genchi({ url: options.genchiUrl, key: options.genchiKey, flushOnExit: false });
  const model = options.model ?? "gpt-4o-mini";
  const config = JSON.stringify({
    genchiUrl: options.genchiUrl,
    publicKey: options.publicKey,
    ignoreAfterMs: options.ignoreAfterMs ?? 60_000,
  });

  async function suggest(product) {
    const { object, callId } = await generateObject({
      baseURL: options.llmBaseUrl,
      apiKey: options.llmApiKey,
      genchi,
      route: "categorize",
      model,
      schema: suggestionSchema,
      mode: "json_schema",
      maxRetries: 1,
      messages: [
        {
          role: "system",
          content: `Pick the best category for the product: one of ${categories.join(", ")}.`,
        },
        { role: "user", content: product },
      ],
    });
    // The page sends feedback on this call id: store the call before the page can see it.
    await genchi.flush();
    return { category: object.category, callId };
  }

  const server = createServer(async (req, res) => {
    const send = (status, type, body) => {
      res.writeHead(status, { "content-type": type });
      res.end(body);
    };
    try {
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      if (req.method === "GET" && path === "/config.json") return send(200, "application/json", config);
      if (req.method === "POST" && path === "/api/suggest") {
        let raw = "";
        for await (const chunk of req) raw += chunk;
        const product = String(JSON.parse(raw).product ?? "").slice(0, 500);
        if (!product) return send(400, "application/json", JSON.stringify({ error: "product is required" }));
        return send(200, "application/json", JSON.stringify(await suggest(product)));
      }
      const file = files[path];
      if (req.method === "GET" && file) return send(200, file[1], await readFile(publicDir + file[0]));
      send(404, "text/plain", "not found");
    } catch (error) {
      send(502, "application/json", JSON.stringify({ error: String(error?.message ?? error) }));
    }
  });
  await new Promise((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await genchi.shutdown({ timeoutMs: 2000 });
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const env = process.env;
  const need = (name) => {
    if (!env[name]) {
      console.error(`set ${name} (see the comment at the top of server.js)`);
      process.exit(2);
    }
    return env[name];
  };
  const app = await startCategorizer({
    genchiUrl: env.GENCHI_URL ?? "http://127.0.0.1:4242",
    genchiKey: need("GENCHI_KEY"),
    publicKey: need("GENCHI_PUBLIC_KEY"),
    llmBaseUrl: env.LLM_BASE_URL ?? "https://api.openai.com/v1",
    llmApiKey: env.OPENAI_API_KEY,
    model: env.MODEL ?? "gpt-4o-mini",
    port: Number(env.PORT ?? 5173),
  });
  console.log(`product categorizer at ${app.url}`);
}
