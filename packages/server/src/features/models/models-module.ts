/** What the models feature brings to a running server (loaded by `models.load()`). */
import type { FeatureModule } from "../../platform/feature.js";
import { modelsRoutes } from "./models-routes.js";
import { modelStorePart } from "./store/model-store-part.js";

export const modelsModule: FeatureModule = {
  store: modelStorePart,
  routes: [modelsRoutes],
};
