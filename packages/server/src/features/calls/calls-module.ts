/** What the calls feature brings to a running server (loaded by `calls.load()`). */
import type { FeatureModule } from "../../platform/feature.js";
import { callsRoutes } from "./calls-routes.js";
import { ingestRoutes } from "./ingest-routes.js";
import { retentionJob } from "./retention-job.js";

export const callsModule: FeatureModule = {
  routes: [ingestRoutes, callsRoutes],
  jobs: (services) => (services.config.retentionDays ? [retentionJob(services.config.retentionDays)] : []),
};
