/**
 * Demo step for the model registry and the shadow pipeline: gateway calls on a floating alias
 * whose served snapshot changed silently (`claude-3-5-sonnet-latest`: 20240620 → 20241022), on a
 * pinned snapshot (`gpt-4o-2024-08-06`), and `categorize` calls shadowed by a cheaper candidate
 * (`gpt-4.1-nano`), so `genchi models` and the shadow report show something real. It also pins
 * `gpt-4o-mini` and sets the `categorize` shadow route through the API, with an eval suite (written
 * to `.genchi/demo/categorize-suite.yaml`) whose assertions the report runs on both sides.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { seededRandom } from "@genchi/core";
import type { CallIn } from "@genchi/spec";
import type { DemoStep } from "../demo-context.js";
import { demoRequest } from "../demo-request.js";

const categories = ["billing", "shipping", "account", "returns", "other"];
const tickets = [
  "I was charged twice for order 4411",
  "my parcel has not arrived after two weeks",
  "cannot reset my password",
  "how do I send back a damaged lamp",
  "do you ship to Iceland?",
  "refund still missing after 10 days",
  "the tracking link says delivered but nothing came",
  "please close my account",
];

/** The demo's model and shadow calls (ids derived from the seed so a rerun is idempotent). */
export function demoModelCalls(seed: number, nowMs: number): CallIn[] {
  const rnd = seededRandom(seed ^ 0x5eed).next;
  const calls: CallIn[] = [];
  const at = (daysAgo: number) =>
    new Date(nowMs - daysAgo * 86_400_000 - Math.floor(rnd() * 3_600_000)).toISOString();
  const base = (id: string, daysAgo: number) => ({
    id: `demo-models-${seed}-${id}`,
    timestamp: at(daysAgo),
    source: "gateway" as const,
  });
  for (let i = 0; i < 30; i++) {
    const daysAgo = 14 - (i * 14) / 30;
    calls.push({
      ...base(`sonnet-${i}`, daysAgo),
      route: "support-reply",
      provider: "anthropic",
      requestedModel: "claude-3-5-sonnet-latest",
      model: daysAgo > 6 ? "claude-3-5-sonnet-20240620" : "claude-3-5-sonnet-20241022",
      input: [{ role: "user", content: tickets[i % tickets.length]! }],
      output: {
        role: "assistant",
        content: "Thanks for reaching out — I have looked into it and here is what happens next.",
      },
      usage: { inputTokens: 300 + Math.floor(rnd() * 200), outputTokens: 80 + Math.floor(rnd() * 60) },
      latencyMs: 900 + Math.floor(rnd() * 900),
      ttftMs: 300 + Math.floor(rnd() * 200),
      finishReason: "end_turn",
    });
  }
  for (let i = 0; i < 10; i++) {
    calls.push({
      ...base(`pinned-${i}`, 10 - i),
      route: "summarize",
      provider: "openai",
      requestedModel: "gpt-4o-2024-08-06",
      model: "gpt-4o-2024-08-06",
      input: [{ role: "user", content: `Summarize: ${tickets[i % tickets.length]!}` }],
      output: { role: "assistant", content: "The customer reports a problem with their order." },
      usage: { inputTokens: 200, outputTokens: 20 },
      latencyMs: 700 + Math.floor(rnd() * 400),
    });
  }
  for (let i = 0; i < 40; i++) {
    const right = Math.floor(rnd() * categories.length);
    const candidateAgrees = rnd() < 0.8;
    const candidateFails = rnd() < 0.05;
    const primaryId = `categorize-${i}`;
    const input = [
      {
        role: "system",
        content: "Sort the ticket into billing, shipping, account, returns or other. Answer with JSON.",
      },
      { role: "user", content: tickets[i % tickets.length]! },
    ];
    const primaryLatency = 500 + Math.floor(rnd() * 300);
    calls.push({
      ...base(primaryId, 7 - i / 6),
      route: "categorize",
      provider: "openai",
      requestedModel: "gpt-4o-mini",
      model: "gpt-4o-mini-2024-07-18",
      input,
      output: { role: "assistant", content: JSON.stringify({ category: categories[right] }) },
      usage: { inputTokens: 60, outputTokens: 8 },
      latencyMs: primaryLatency,
    });
    const candidateCategory = candidateAgrees
      ? categories[right]
      : categories[(right + 1) % categories.length];
    calls.push({
      ...base(`shadow-${i}`, 7 - i / 6),
      source: "shadow",
      shadowOf: `demo-models-${seed}-${primaryId}`,
      route: "categorize",
      provider: "openai",
      requestedModel: "gpt-4.1-nano",
      model: "gpt-4.1-nano-2025-04-14",
      input,
      output: candidateFails
        ? null
        : {
            role: "assistant",
            content:
              rnd() < 0.1
                ? `Category: ${candidateCategory}`
                : JSON.stringify({ category: candidateCategory }),
          },
      status: candidateFails ? "error" : "ok",
      error: candidateFails ? "upstream answered HTTP 500: server error" : null,
      usage: candidateFails ? null : { inputTokens: 60, outputTokens: 8 },
      latencyMs: Math.round(primaryLatency * 0.6),
    });
  }
  return calls;
}

/** The demo's `categorize` suite: its defaultTest assertions are what the shadow report runs. */
export const demoCategorizeSuite = `description: categorize answers with one known category, as JSON
prompts: ["Sort the ticket into billing, shipping, account, returns or other. Answer with JSON. {{ticket}}"]
providers: [openai:chat:gpt-4o-mini]
defaultTest:
  assert:
    - type: is-json
    - type: javascript
      value: |
        try {
          return ["billing", "shipping", "account", "returns", "other"].includes(JSON.parse(output).category);
        } catch {
          return false;
        }
    - type: not-icontains
      value: "category:"
    - type: llm-rubric
      value: The category fits the ticket.
tests:
  - vars: { ticket: "I was charged twice for order 4411" }
    assert: [{ type: contains, value: billing }]
  - vars: { ticket: "my parcel has not arrived after two weeks" }
    assert: [{ type: contains, value: shipping }]
`;

/** Where the demo writes its suite (the server reads it from there). */
export const demoSuitePath = () => resolve(".genchi/demo/categorize-suite.yaml");

/** The demo step: posts the calls through the ingest API, then a pin and the shadow route through the API. */
export const modelsDemoStep: DemoStep = {
  name: "models and shadow",
  async run(context) {
    const calls = demoModelCalls(context.seed, context.nowMs);
    await demoRequest(context, "demo models step", (api) => api.ingest.batch({ body: { calls } }));
    const suite = demoSuitePath();
    mkdirSync(dirname(suite), { recursive: true });
    writeFileSync(suite, demoCategorizeSuite);
    await demoRequest(context, "demo models step", async (api) => {
      await api.models.putPin({ body: { alias: "gpt-4o-mini", pinned: "gpt-4o-mini-2024-07-18" } });
      await api.shadow.putRoute({
        params: { route: "categorize" },
        body: { candidate: "gpt-4.1-nano", sampleRate: 0.1, suite },
      });
    });
    context.log(
      `demo: ${calls.length} gateway calls for models seen (one silently updated alias, one pinned) and the 'categorize' shadow report (with its eval suite)`,
    );
  },
};
