/** What the web feature brings to a running server (loaded by `web.load()`): the built UI, from its default folder. */
import type { FeatureModule } from "../../platform/feature.js";
import { webRoutes } from "./web-routes.js";

export const webModule: FeatureModule = {
  routes: [
    async (app) => {
      await app.register(webRoutes, {});
    },
  ],
};
