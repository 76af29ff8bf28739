/** What the otlp feature brings to a running server (loaded by `otlp.load()`). */
import type { FeatureModule } from "../../platform/feature.js";
import { otlpRoutes } from "./otlp-routes.js";

export const otlpModule: FeatureModule = {
  routes: [otlpRoutes],
};
