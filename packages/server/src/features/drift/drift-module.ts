/** What the drift feature brings to a running server (loaded by `drift.load()`). */
import type { FeatureModule } from "../../platform/feature.js";
import { dailyDriftJob } from "./daily-drift-job.js";
import { driftRoutes } from "./drift-routes.js";
import { driftReportStorePart } from "./store/drift-report-store-part.js";

export const driftModule: FeatureModule = {
  store: driftReportStorePart,
  routes: [driftRoutes],
  jobs: (services) =>
    services.config.drift.routes.length > 0
      ? [dailyDriftJob(services.config.drift, services.drift.embedder)]
      : [],
};
