/** What the evals feature brings to a running server (loaded by `evals.load()`). */
import type { FeatureModule } from "../../platform/feature.js";
import { evalsRoutes } from "./evals-routes.js";
import { evalStorePart } from "./store/eval-store-part.js";

export const evalsModule: FeatureModule = {
  store: evalStorePart,
  routes: [evalsRoutes],
};
