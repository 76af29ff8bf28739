/** The demo: its steps (`scenarios/`), run in order against a running server over HTTP. */
import type { DemoContext, DemoStep } from "./demo-context.js";
import { demoSteps } from "./scenarios/index.js";

/**
 * @example await runDemo({ url, key, seed: 42, calls: 50_000, nowMs: Date.now(), log: console.log })
 */
export async function runDemo(context: DemoContext, steps: readonly DemoStep[] = demoSteps): Promise<void> {
  const started = Date.now();
  for (const step of steps) await step.run(context);
  context.log(`demo: ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
