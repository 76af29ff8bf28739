/** The calls feature's public surface for other features: ingest and the normalisation of calls and feedback. */
export { type IngestBatch, type IngestOptions, IngestService } from "./ingest-service.js";
export { completeCall, type Normalized, type NormalizeOptions, normalizeCall } from "./normalize-call.js";
export { normalizeFeedback } from "./normalize-feedback.js";
