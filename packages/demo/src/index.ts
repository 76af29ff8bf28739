/**
 * @genchi/demo — the demo project `genchi serve --demo` loads (private, not published). The
 * server imports it only for `--demo` and hands it a `DemoHost`; the demo talks to the server
 * over HTTP only. Steps are in `scenarios/` (their order in `scenarios/index.ts`), their data
 * in `data/`.
 */
export { type DemoItem, type DemoTrafficOptions, demoTraffic, shiftMs } from "./data/traffic.js";
export type { DemoContext, DemoStep } from "./demo-context.js";
export { runDemo } from "./run-demo.js";
export { demoBaselineDataset } from "./scenarios/drift.js";
export { demoDatasetName } from "./scenarios/evals.js";
export {
  demoSteps,
  driftDemoStep,
  evalsDemoStep,
  modelsDemoStep,
  reviewDemoStep,
  trafficStep,
} from "./scenarios/index.js";
export { type DemoHost, type StartDemoOptions, startDemo } from "./start-demo.js";
