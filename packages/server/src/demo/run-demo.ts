/**
 * The demo as a list of steps run in order against a running server over HTTP. This issue
 * adds the traffic step; later features (reviews, evals, gateway models) append their own
 * steps to `demoSteps` so their pages show something real.
 */
import { driftDemoStep } from "../drift/demo-drift-step.js";
import { modelsDemoStep } from "../gateway/demo-models-step.js";
import { reviewDemoStep } from "../review/demo-review-step.js";
import { demoTraffic } from "./demo-calls.js";
import { evalsDemoStep } from "./demo-evals-step.js";
import { sendDemoItems } from "./demo-sender.js";

export interface DemoContext {
  /** Base URL of the running server, e.g. http://127.0.0.1:4242. */
  url: string;
  /** A secret key of the project the demo fills. */
  key: string;
  seed: number;
  /** Calls of the traffic step (default 50,000). */
  calls: number;
  /** "Now" for the demo's timeline. */
  nowMs: number;
  log: (line: string) => void;
}

export interface DemoStep {
  name: string;
  run(context: DemoContext): Promise<void>;
}

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

/** Every demo step, in order. Features append theirs. */
export const demoSteps: DemoStep[] = [
  trafficStep,
  modelsDemoStep,
  evalsDemoStep,
  reviewDemoStep,
  driftDemoStep,
];

/**
 * @example await runDemo({ url, key, seed: 42, calls: 50_000, nowMs: Date.now(), log: console.log })
 */
export async function runDemo(context: DemoContext, steps: readonly DemoStep[] = demoSteps): Promise<void> {
  const started = Date.now();
  for (const step of steps) await step.run(context);
  context.log(`demo: ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
