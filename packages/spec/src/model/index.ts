/** The model-call specification, version 1: request, response, stream parts, usage, capabilities. */
export * from "./finish-reason.js";
export type * from "./model-capabilities.js";
export type * from "./model-request.js";
export type * from "./model-response.js";
export type * from "./model-stream-part.js";
export type * from "./model-usage.js";
export type * from "./model-v1.js";
