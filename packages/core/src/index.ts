/** @genchi/core — pure logic shared by server, SDK-side tools and the UI. No I/O. */
export * from "./eval/index.js";
export * from "./feedback/derive-label.js";
export * from "./models/classify-model-id.js";
export * from "./models/decide-pin.js";
export * from "./pricing/compute-cost.js";
export * from "./pricing/find-price.js";
export * from "./pricing/price-table.js";
export * from "./random/seeded-random.js";
export * from "./review/index.js";
export * from "./text/call-text.js";
export * from "./tokens/count-tokens.js";
