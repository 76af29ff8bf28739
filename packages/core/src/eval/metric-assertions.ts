/** Assertions on how the call went rather than what it said: latency and cost thresholds. */
import type { AssertionFn } from "./assertion.js";
import { errorVerdict, verdict } from "./assertion.js";

const latency: AssertionFn = (_output, { threshold, latencyMs }) => {
  if (threshold === undefined) return errorVerdict("latency assertion needs a threshold (milliseconds)");
  if (latencyMs === null) return errorVerdict("latency is unknown (a cached response?); run with --no-cache");
  return verdict(latencyMs <= threshold, `Latency ${latencyMs}ms is greater than threshold ${threshold}ms`);
};

const cost: AssertionFn = (_output, { threshold, costUsd }) => {
  if (threshold === undefined) return errorVerdict("cost assertion needs a threshold (USD)");
  if (costUsd === null) return errorVerdict("cost is unknown for this provider's model; add a price");
  return verdict(
    costUsd <= threshold,
    `Cost ${costUsd.toPrecision(2)} is greater than threshold ${threshold}`,
  );
};

/** The metric assertions, by name. */
export const metricAssertions: Readonly<Record<string, AssertionFn>> = { latency, cost };
