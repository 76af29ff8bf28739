/** The otlp feature. OTLP/HTTP trace ingest (`POST /v1/traces`): LLM spans become calls. */
import type { Feature } from "../../platform/feature.js";

export const otlp: Feature = {
  name: "otlp",
  load: async () => (await import("./otlp-module.js")).otlpModule,
};
