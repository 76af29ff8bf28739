/** What the health feature brings to a running server (loaded by `health.load()`). */
import type { FeatureModule } from "../../platform/feature.js";
import { healthRoutes } from "./health-routes.js";

export const healthModule: FeatureModule = {
  routes: [healthRoutes],
};
