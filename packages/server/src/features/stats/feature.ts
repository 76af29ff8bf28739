/** The stats feature. Dashboard aggregates: time series, facets, structured-output adherence. */
import type { Feature } from "../../platform/feature.js";

export const stats: Feature = {
  name: "stats",
  load: async () => (await import("./stats-module.js")).statsModule,
};
