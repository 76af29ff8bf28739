/** @genchi/spec — the shapes that cross every boundary: server, SDK, CLI and UI. */
export * from "./adherence.js";
export * from "./call.js";
export * from "./calls-query.js";
export * from "./dataset.js";
export * from "./drift-report.js";
export * from "./errors.js";
export * from "./eval.js";
export * from "./eval-run.js";
export * from "./feedback.js";
export * from "./ingest.js";
export * from "./json-schema.js";
export * from "./message.js";
export * from "./models.js";
export * from "./project.js";
export * from "./review.js";
export * from "./stats.js";
export * from "./timestamp.js";
