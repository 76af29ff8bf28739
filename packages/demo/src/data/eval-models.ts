/**
 * The models of the demo's evals, as answers of the scripted upstream: each sorts a support
 * ticket into a category, right or wrong by a per-model quality drawn from the seed. At
 * temperature 0 a model answers the same ticket the same way every time; above 0 each call
 * draws again (so repeated runs show flaky tests). Deterministic for a seed; no paid API.
 */
import type { RecordedRequest, ScriptedReply } from "@genchi/scripted-upstream";
import { demoTickets } from "./tickets.js";

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

/**
 * The scripted upstream's `respond` for the demo's evals: a chat completion per request, from
 * its model, temperature and ticket; an unknown model gets a 404.
 *
 * @example const upstream = await startScriptedUpstream({ respond: demoEvalAnswers(42) })
 */
export function demoEvalAnswers(seed: number): (request: RecordedRequest) => ScriptedReply | undefined {
  const draws = new Map<string, number>();
  const truth = new Map(demoTickets.map((t) => [t.ticket, t]));
  return (recorded) => {
    if (recorded.path !== "/v1/chat/completions") return undefined;
    const request = (recorded.body ?? {}) as {
      model?: string;
      temperature?: number;
      messages?: { content?: string }[];
    };
    const model = request.model ?? "";
    const profile = models[model];
    if (!profile) return { type: "error", status: 404, message: `unknown model ${model}` };
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
    const text = unit(`${key}|${n}|format`) < profile.sloppy ? `Category: ${category}.` : category;
    return {
      type: "text",
      text,
      model,
      usage: { inputTokens: Math.ceil(prompt.length / 4), outputTokens: 2 },
      delayMs: Math.round(profile.latencyMs * (0.7 + unit(`${key}|${n}|latency`) * 0.8)),
    };
  };
}
