/** The web feature. The web UI: the built app and its client routes (registered last). */
import type { Feature } from "../../platform/feature.js";

export const web: Feature = {
  name: "web",
  load: async () => (await import("./web-module.js")).webModule,
};
