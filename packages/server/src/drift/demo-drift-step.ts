/**
 * Demo step for drift: a baseline dataset of `categorize` inputs from before the shift
 * (production calls older than 3 days, linked to their calls), and one stored report — that
 * baseline against the last 3 days, descriptors only (fast) — so the Drift page shows the
 * injected typos and the new product line's longer listings.
 */
import { outputText, userText } from "@genchi/core/drift";
import type { Call } from "@genchi/spec";

/** What the step needs of the demo's context (structurally a DemoContext; no import back into demo/). */
interface DemoContext {
  url: string;
  key: string;
  nowMs: number;
  log: (line: string) => void;
}

const route = "categorize";
export const demoBaselineDataset = "categorize-baseline";
const shiftMs = 3 * 86_400_000;
const baselineSize = 800;

async function request<T>(context: DemoContext, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${context.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${context.key}`,
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`demo drift: ${method} ${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export const driftDemoStep = {
  name: "drift",
  async run(context: DemoContext): Promise<void> {
    const until = new Date(context.nowMs - shiftMs).toISOString();
    const calls: Call[] = [];
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({ route, until, limit: "1000", ...(cursor ? { cursor } : {}) });
      const page: { data: Call[]; nextCursor: string | null } = await request(
        context,
        "GET",
        `/api/v1/calls?${query}`,
      );
      calls.push(...page.data.filter((c) => c.status === "ok"));
      cursor = page.nextCursor;
    } while (cursor && calls.length < baselineSize);
    if (calls.length === 0) {
      context.log("demo: drift skipped (no categorize calls before the shift)");
      return;
    }
    await request(context, "POST", "/api/v1/datasets", {
      name: demoBaselineDataset,
      route,
      description: "categorize inputs from before the shift: what the tests were written against",
    });
    await request(context, "POST", `/api/v1/datasets/${demoBaselineDataset}/items`, {
      items: calls.slice(0, baselineSize).map((c) => ({
        id: `baseline-${c.id}`,
        vars: { input: userText(c.input) },
        ...(c.output !== null ? { expected: outputText(c.output) } : {}),
        sourceCallId: c.id,
      })),
    });
    const report: { flagged: string[] } = await request(context, "POST", "/api/v1/drift/reports", {
      route,
      baselineDataset: demoBaselineDataset,
      since: new Date(context.nowMs - shiftMs).toISOString(),
      until: new Date(context.nowMs).toISOString(),
      limit: 3_000,
    });
    context.log(`demo: drift report stored for ${route}: ${report.flagged.join(", ") || "nothing flagged"}`);
  },
};
