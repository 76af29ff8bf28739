/**
 * A tiny OpenAI-compatible upstream for the demo's evals, in process on loopback: it sorts a
 * support ticket into a category, right or wrong by a per-model quality drawn from the seed.
 * At temperature 0 a model answers the same ticket the same way every time; above 0 each call
 * draws again (so repeated runs show flaky tests). Deterministic for a seed; no paid API.
 */
import { createServer, type Server } from "node:http";
import { demoTickets } from "./demo-eval-tickets.js";

export const demoEvalCategories: readonly string[] = ["billing", "shipping", "account", "returns", "other"];

/** Per model: chance of the right category on an easy and on an ambiguous ticket, format slips, latency. */
const models: Record<string, { easy: number; hard: number; sloppy: number; latencyMs: number }> = {
  "gpt-4o-2024-05-13": { easy: 0.96, hard: 0.7, sloppy: 0, latencyMs: 28 },
  "gpt-4o-2024-08-06": { easy: 0.97, hard: 0.55, sloppy: 0, latencyMs: 22 },
  "gpt-4o-mini-2024-07-18": { easy: 0.98, hard: 0.75, sloppy: 0.02, latencyMs: 12 },
  "gpt-4.1-nano-2025-04-14": { easy: 0.8, hard: 0.4, sloppy: 0.1, latencyMs: 6 },
};

/** A 32-bit FNV-1a hash of the text, mixed (murmur3's finalizer), as a number in [0, 1). */
function unit(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

export interface DemoEvalUpstream {
  /** Base URL with `/v1`. */
  url: string;
  close(): Promise<void>;
}

/**
 * @example const upstream = await startDemoEvalUpstream(42); … await upstream.close()
 */
export async function startDemoEvalUpstream(seed: number): Promise<DemoEvalUpstream> {
  const draws = new Map<string, number>();
  const truth = new Map(demoTickets.map((t) => [t.ticket, t]));
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const request = JSON.parse(body || "{}") as {
        model?: string;
        temperature?: number;
        messages?: { content?: string }[];
      };
      const model = request.model ?? "";
      const profile = models[model];
      if (req.url !== "/v1/chat/completions" || !profile) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: `unknown model ${model}` } }));
        return;
      }
      const prompt = request.messages?.map((m) => m.content ?? "").join("\n") ?? "";
      const ticket = /Ticket: (.*)$/m.exec(prompt)?.[1] ?? "";
      const known = truth.get(ticket);
      const key = `${seed}|${model}|${ticket}`;
      const n = (request.temperature ?? 0) > 0 ? (draws.get(key) ?? 0) : 0;
      draws.set(key, n + 1);
      const draw = unit(`${key}|${n}`);
      const right = known?.category ?? "other";
      const correct = draw < (known?.hard ? profile.hard : profile.easy);
      const wrong =
        known?.confusedWith ??
        demoEvalCategories[(demoEvalCategories.indexOf(right) + 1) % demoEvalCategories.length]!;
      const category = correct ? right : wrong;
      const content = unit(`${key}|${n}|format`) < profile.sloppy ? `Category: ${category}.` : category;
      const promptTokens = Math.ceil(prompt.length / 4);
      setTimeout(
        () => {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(
            JSON.stringify({
              id: `chatcmpl-demo-${Math.floor(draw * 1e9)}`,
              object: "chat.completion",
              model,
              choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
              usage: { prompt_tokens: promptTokens, completion_tokens: 2, total_tokens: promptTokens + 2 },
            }),
          );
        },
        Math.round(profile.latencyMs * (0.7 + unit(`${key}|${n}|latency`) * 0.8)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
