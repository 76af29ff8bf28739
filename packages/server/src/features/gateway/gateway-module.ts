/** What the gateway feature brings to a running server (loaded by `gateway.load()`). */
import type { FeatureModule } from "../../platform/feature.js";
import { gatewayRoutes } from "./gateway-routes.js";

export const gatewayModule: FeatureModule = {
  routes: [gatewayRoutes],
};
