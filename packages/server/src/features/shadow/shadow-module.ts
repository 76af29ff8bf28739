/** What the shadow feature brings to a running server (loaded by `shadow.load()`). */
import type { FeatureModule } from "../../platform/feature.js";
import { shadowRoutes } from "./shadow-routes.js";

export const shadowModule: FeatureModule = {
  routes: [shadowRoutes],
};
