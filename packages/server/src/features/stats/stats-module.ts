/** What the stats feature brings to a running server (loaded by `stats.load()`). */
import type { FeatureModule } from "../../platform/feature.js";
import { statsRoutes } from "./stats-routes.js";

export const statsModule: FeatureModule = {
  routes: [statsRoutes],
};
