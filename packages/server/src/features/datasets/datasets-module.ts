/** What the datasets feature brings to a running server (loaded by `datasets.load()`). */
import type { FeatureModule } from "../../platform/feature.js";
import { datasetsRoutes } from "./datasets-routes.js";
import { datasetStorePart } from "./store/dataset-store-part.js";

export const datasetsModule: FeatureModule = {
  store: datasetStorePart,
  routes: [datasetsRoutes],
};
