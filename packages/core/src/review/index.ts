/** The review queue's pure parts: the seeded daily sample, assertion proposals and their backtest. */
export * from "./backtest-assertion.js";
export * from "./propose-assertions.js";
export * from "./review-stats.js";
export * from "./sample-review-queue.js";
