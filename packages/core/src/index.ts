/** @genchi/core — pure logic shared by server, SDK-side tools and the UI. No I/O. */
export * from "./feedback/derive-label.js";
export * from "./pricing/compute-cost.js";
export * from "./pricing/find-price.js";
export * from "./pricing/price-table.js";
export * from "./text/call-text.js";
export * from "./tokens/count-tokens.js";
