/** Every demo step, in the order they run: a new scenario is a file here and a line in this list. */
import type { DemoStep } from "../demo-context.js";
import { driftDemoStep } from "./drift.js";
import { evalsDemoStep } from "./evals.js";
import { modelsDemoStep } from "./models.js";
import { reviewDemoStep } from "./review.js";
import { trafficStep } from "./traffic.js";

export const demoSteps: readonly DemoStep[] = [
  trafficStep,
  modelsDemoStep,
  evalsDemoStep,
  reviewDemoStep,
  driftDemoStep,
];

export { driftDemoStep, evalsDemoStep, modelsDemoStep, reviewDemoStep, trafficStep };
