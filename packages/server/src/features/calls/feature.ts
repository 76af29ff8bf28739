/** The calls feature. Stored calls: ingest (`POST /api/v1/ingest`), the calls list and detail, and retention. */
import type { Feature } from "../../platform/feature.js";
import type { IngestService } from "./ingest-service.js";

declare module "../../platform/services.js" {
  interface Services {
    /** Validates, prices and stores calls (ingest, OTLP, the gateway's log queue). */
    ingest: IngestService;
  }
}

export const calls: Feature = {
  name: "calls",
  load: async () => (await import("./calls-module.js")).callsModule,
};
