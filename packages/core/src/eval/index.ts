/**
 * The eval engine's pure parts: assertions, judge verdicts, repeat metrics, comparison, Pareto.
 * Also importable alone as `@genchi/core/eval` (the CLI loads it without the tokenizer).
 */

export { computeCost } from "../pricing/compute-cost.js";
export * from "./assertion.js";
export * from "./assertion-registry.js";
export * from "./cosine-similarity.js";
export * from "./evaluate-assertions.js";
export * from "./json-assertions.js";
export * from "./judge-verdict.js";
export * from "./levenshtein-distance.js";
export * from "./mcnemar.js";
export * from "./metric-assertions.js";
export * from "./pareto.js";
export * from "./repeat-metrics.js";
export * from "./text-assertions.js";
