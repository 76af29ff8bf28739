/**
 * Demo step for drift: a baseline dataset of `categorize` inputs from before the shift
 * (production calls older than 3 days, linked to their calls), and one stored report — that
 * baseline against the last 3 days, descriptors only (fast) — so the Drift page shows the
 * injected typos and the new product line's longer listings.
 */
import { outputText, userText } from "@genchi/core/drift";
import type { Call, CallsPage } from "@genchi/spec";
import { shiftMs } from "../data/traffic.js";
import type { DemoStep } from "../demo-context.js";
import { demoRequest } from "../demo-request.js";

const route = "categorize";
export const demoBaselineDataset = "categorize-baseline";
const baselineSize = 800;

export const driftDemoStep: DemoStep = {
  name: "drift",
  async run(context) {
    const request = <T>(use: Parameters<typeof demoRequest<T>>[2]) => demoRequest(context, "demo drift", use);
    const until = new Date(context.nowMs - shiftMs).toISOString();
    const calls: Call[] = [];
    let cursor: string | null = null;
    do {
      const query = { route, until, limit: 1000, ...(cursor ? { cursor } : {}) };
      const page: CallsPage = await request((api) => api.calls.list({ query }));
      calls.push(...page.data.filter((c) => c.status === "ok"));
      cursor = page.nextCursor;
    } while (cursor && calls.length < baselineSize);
    if (calls.length === 0) {
      context.log("demo: drift skipped (no categorize calls before the shift)");
      return;
    }
    await request((api) =>
      api.datasets.create({
        body: {
          name: demoBaselineDataset,
          route,
          description: "categorize inputs from before the shift: what the tests were written against",
        },
      }),
    );
    const items = calls.slice(0, baselineSize).map((c) => ({
      id: `baseline-${c.id}`,
      vars: { input: userText(c.input) },
      ...(c.output !== null ? { expected: outputText(c.output) } : {}),
      sourceCallId: c.id,
    }));
    await request((api) => api.datasets.addItems({ params: { id: demoBaselineDataset }, body: { items } }));
    const report = await request((api) =>
      api.drift.storeReport({
        body: {
          route,
          baselineDataset: demoBaselineDataset,
          since: new Date(context.nowMs - shiftMs).toISOString(),
          until: new Date(context.nowMs).toISOString(),
          limit: 3_000,
        },
      }),
    );
    context.log(`demo: drift report stored for ${route}: ${report.flagged.join(", ") || "nothing flagged"}`);
  },
};
