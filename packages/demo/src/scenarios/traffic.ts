/**
 * Demo step for traffic: two weeks of the e-commerce assistant's calls with their feedback
 * (`data/traffic.ts`), sent through the ingest API with progress every tenth.
 */
import { demoTraffic } from "../data/traffic.js";
import type { DemoStep } from "../demo-context.js";
import { sendDemoItems } from "../send-demo-items.js";

const fmt = (n: number) => n.toLocaleString("en-US");

export const trafficStep: DemoStep = {
  name: "traffic",
  async run(context) {
    let reported = 0;
    const every = Math.max(1000, Math.round(context.calls / 10 / 1000) * 1000);
    const result = await sendDemoItems(
      demoTraffic({ calls: context.calls, seed: context.seed, nowMs: context.nowMs }),
      {
        url: context.url,
        key: context.key,
        onProgress: (sent) => {
          if (sent - reported >= every || sent === context.calls) {
            reported = sent;
            context.log(`demo: ${fmt(sent)} / ${fmt(context.calls)} calls`);
          }
        },
      },
    );
    context.log(
      `demo: stored ${fmt(result.calls)} calls and ${fmt(result.feedback)} feedback items${result.rejected ? ` (${result.rejected} rejected)` : ""}`,
    );
  },
};
