/** The models feature. The model registry: models seen, pins and the pin policy (`/api/v1/models`, `genchi models`). */
import type { Feature } from "../../platform/feature.js";
import type { StorePinSource } from "../gateway/index.js";
import type { StoreShadowRouteSource } from "../shadow/index.js";

declare module "../../platform/services.js" {
  interface Services {
    /** Pins and shadow routes per project, cached for the gateway's hot path and changed through the API. */
    models: { pins: StorePinSource; shadowRoutes: StoreShadowRouteSource };
  }
}

export const models: Feature = {
  name: "models",
  commands: [
    {
      name: "models",
      term: "models [options]",
      summary: "every model seen through the gateway: pinned or floating, served-model changes",
      load: async (host) => (await import("./models-command.js")).modelsCommand(host),
    },
  ],
  load: async () => (await import("./models-module.js")).modelsModule,
};
