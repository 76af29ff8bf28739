/**
 * The demo project's traffic, call by call (deterministic for a seed): the e-commerce
 * assistant's `categorize` and `support-reply` routes over the last `days`, with errors,
 * users, sessions, tags and feedback. In the last 3 days more mobile users type with
 * typos and a new pet-tech product line appears that the prompt handles badly.
 */
import type { CallIn, FeedbackIn } from "@genchi/spec";
import {
  categorizeSystemPrompt,
  firstNames,
  makeListing,
  novelConfusions,
  petSupportTopic,
  regularCategories,
  supportSystemPrompt,
  supportTopics,
} from "./catalog.js";
import { categorizeFeedback, supportFeedback } from "./feedback.js";
import { type DemoRandom, demoRandom } from "./random.js";
import { callTimes, callTiming, demoModels } from "./timing.js";
import { mobileStyle, withTypos } from "./typos.js";

export interface DemoTrafficOptions {
  calls: number;
  seed: number;
  nowMs: number;
  days?: number;
}

export interface DemoItem {
  call: CallIn & { id: string; timestamp: string };
  feedback: FeedbackIn[];
}

const dayMs = 86_400_000;
/** The shift starts this long before now. */
export const shiftMs = 3 * dayMs;

/** A UUIDv7-shaped id from a timestamp and the seeded random source (time-ordered, reproducible). */
function demoId(ms: number, random: DemoRandom): string {
  const hex = (n: number, width: number) => Math.floor(n).toString(16).padStart(width, "0");
  const r = () => hex(random.next() * 0x10000, 4);
  const t = hex(ms, 12);
  return `${t.slice(0, 8)}-${t.slice(8)}-7${r().slice(1)}-${hex(0x8000 + random.next() * 0x3fff, 4)}-${r()}${r()}${r()}`;
}

function errorFor(model: string, random: DemoRandom): { error: string; latencyMs: number } {
  return random.chance(0.6)
    ? {
        error: `429 Too Many Requests: rate limit reached for ${model} (tokens per min); retry after ${random.int(2, 20)}s`,
        latencyMs: random.int(80, 400),
      }
    : { error: "upstream request timed out after 30000 ms", latencyMs: 30_000 };
}

/**
 * A call the upstream failed (rate limit or timeout), without feedback. `metadata` is drawn
 * after the error so the seeded sequence, and so the demo data, stay as they were.
 */
function failedCall(
  base: Omit<DemoItem["call"], "provider" | "requestedModel" | "model" | "input">,
  profile: { provider: string; requested: string; model: string },
  input: DemoItem["call"]["input"],
  inputTokens: number,
  random: DemoRandom,
  metadata: () => Record<string, unknown>,
): DemoItem {
  const e = errorFor(profile.model, random);
  return {
    call: {
      ...base,
      provider: profile.provider,
      requestedModel: profile.requested,
      model: profile.model,
      input,
      status: "error",
      error: e.error,
      latencyMs: e.latencyMs,
      usage: { inputTokens, outputTokens: 0 },
      metadata: metadata(),
    },
    feedback: [],
  };
}

/**
 * @example for (const item of demoTraffic({ calls: 2000, seed: 7, nowMs: Date.now() })) send(item)
 */
export function* demoTraffic(options: DemoTrafficOptions): Generator<DemoItem> {
  const random = demoRandom(options.seed);
  const times = callTimes(options.calls, options.days ?? 14, options.nowMs, random);
  for (const ts of times) {
    const shifted = ts >= options.nowMs - shiftMs;
    yield random.chance(0.62)
      ? categorizeCall(ts, shifted, random, options.nowMs)
      : supportCall(ts, shifted, random, options.nowMs);
  }
}

function common(ts: number, random: DemoRandom, mobile: boolean, userId: string) {
  const day = Math.floor(ts / dayMs);
  return {
    id: demoId(ts, random),
    timestamp: new Date(ts).toISOString(),
    source: "sdk" as const,
    userId,
    sessionId: `sess-${userId}-${day.toString(36)}-${random.int(0, 2)}`,
    tags: [mobile ? "mobile" : "web"],
  };
}

/** The kinds the browser snippet sends for a suggestion's outcome (`/sdk/feedback.js`). */
const suggestionKinds = new Set(["accept", "accept_edit", "ignore", "regenerate"]);

/**
 * The demo's feedback in the shape the browser snippet sends it: a suggestion's outcome carries
 * the text shown (so genchi derives the edit distance of an edit), the time to decide and, for
 * an ignore, whether it was dismissed or timed out.
 */
function feedbackItems(
  callId: string,
  ts: number,
  nowMs: number,
  userId: string,
  items: ReturnType<typeof categorizeFeedback>,
  random: DemoRandom,
  shown: string,
): FeedbackIn[] {
  return items
    .filter((f) => ts + f.delayMs < nowMs)
    .map((f) => ({
      id: `fb-${callId}-${f.kind}-${random.int(0, 1e6)}`,
      callId,
      kind: f.kind,
      ...(f.value !== undefined ? { value: f.value } : {}),
      ...(f.editedOutput !== undefined ? { editedOutput: f.editedOutput } : {}),
      ...(f.comment !== undefined ? { comment: f.comment } : {}),
      ...(suggestionKinds.has(f.kind)
        ? {
            metadata: {
              suggestion: shown,
              decisionMs: f.delayMs,
              ...(f.kind === "ignore" ? { reason: f.delayMs > 300_000 ? "timeout" : "dismissed" } : {}),
            },
          }
        : {}),
      userId,
      timestamp: new Date(ts + f.delayMs).toISOString(),
    }));
}

function categorizeCall(ts: number, shifted: boolean, random: DemoRandom, nowMs: number): DemoItem {
  const mobile = random.chance(shifted ? 0.5 : 0.18);
  const novel = shifted && random.chance(0.3);
  const listing = makeListing(random.pick, novel);
  const userId = `seller-${random.int(1, 1200)}`;
  let text = `Title: ${listing.title}\nDescription: ${listing.description}`;
  if (mobile) text = withTypos(mobileStyle(text), 0.35, random);
  const profile = random.chance(0.8) ? demoModels.gpt : demoModels.claude;
  const base = { ...common(ts, random, mobile, userId), route: "categorize", promptVersion: "categorize-v3" };
  const inputTokens = 140 + Math.round(text.length / 4) + random.int(0, 30);
  const input = [
    { role: "system" as const, content: categorizeSystemPrompt },
    { role: "user" as const, content: text },
  ];
  if (random.chance(0.025)) {
    return failedCall(base, profile, input, inputTokens, random, () => ({
      listingId: `L${random.int(100000, 999999)}`,
      channel: mobile ? "app" : "seller-portal",
    }));
  }
  const pCorrect = listing.novel ? 0.25 : mobile ? 0.82 : 0.93;
  const correct = random.chance(pCorrect);
  const category = correct
    ? listing.category
    : listing.novel
      ? random.pick(novelConfusions)
      : random.pick(regularCategories);
  const confidence =
    Math.round((correct ? 0.8 + random.next() * 0.19 : 0.35 + random.next() * 0.4) * 100) / 100;
  const content = JSON.stringify({ category, confidence });
  const outputTokens = 14 + Math.round(category.length / 4);
  const { latencyMs } = callTiming(profile, outputTokens, random);
  const call: DemoItem["call"] = {
    ...base,
    provider: profile.provider,
    requestedModel: profile.requested,
    model: profile.model,
    input,
    output: { role: "assistant", content },
    latencyMs,
    usage: { inputTokens, outputTokens },
    finishReason: "stop",
    metadata: { listingId: `L${random.int(100000, 999999)}`, channel: mobile ? "app" : "seller-portal" },
  };
  const items = categorizeFeedback(correct, listing.category, random);
  return { call, feedback: feedbackItems(call.id, ts, nowMs, userId, items, random, content) };
}

function supportCall(ts: number, shifted: boolean, random: DemoRandom, nowMs: number): DemoItem {
  const mobile = random.chance(shifted ? 0.45 : 0.2);
  const pet = shifted && random.chance(0.25);
  const topic = pet ? petSupportTopic : random.pick(supportTopics);
  const name = random.pick(firstNames);
  const order = String(random.int(100000, 999999));
  const item = pet ? makeListing(random.pick, true).title : makeListing(random.pick, false).title;
  const fill = (s: string) =>
    s.replaceAll("{order}", order).replaceAll("{name}", name).replaceAll("{item}", item);
  let message = fill(random.pick(topic.messages));
  if (mobile) message = withTypos(mobileStyle(message), 0.3, random);
  const agent = `agent-${random.int(1, 40)}`;
  const profile = random.chance(0.7) ? demoModels.claude : demoModels.gpt;
  const base = {
    ...common(ts, random, mobile, agent),
    route: "support-reply",
    promptVersion: "support-v7",
  };
  const input = [
    { role: "system" as const, content: supportSystemPrompt },
    { role: "user" as const, content: `Customer ${name} wrote:\n${message}` },
  ];
  const inputTokens = 260 + Math.round(message.length / 4) + random.int(0, 400);
  const metadata = { ticketId: `T-${random.int(10000, 99999)}`, topic: topic.name };
  if (random.chance(0.03)) return failedCall(base, profile, input, inputTokens, random, () => metadata);
  const draft = fill(topic.reply);
  const outputTokens = Math.round(draft.length / 4) + random.int(0, 60);
  const { latencyMs, ttftMs } = callTiming(profile, outputTokens, random);
  const call: DemoItem["call"] = {
    ...base,
    provider: profile.provider,
    requestedModel: profile.requested,
    model: profile.model,
    input,
    output: { role: "assistant", content: draft },
    latencyMs,
    ttftMs,
    usage: { inputTokens, outputTokens },
    finishReason: "stop",
    metadata,
  };
  const quality = pet ? 0.25 : mobile ? 0.6 : 0.8;
  return {
    call,
    feedback: feedbackItems(
      call.id,
      ts,
      nowMs,
      agent,
      supportFeedback(quality, draft, random),
      random,
      draft,
    ),
  };
}
