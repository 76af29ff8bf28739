/** The shadow feature. Shadow traffic: a route's candidate model on real inputs, and its report. */
import type { Feature } from "../../platform/feature.js";

export const shadow: Feature = {
  name: "shadow",
  commands: [
    {
      name: "shadow",
      term: "shadow report",
      summary: "compare a route's candidate model with production on real inputs",
      load: async (host) => (await import("./shadow-command.js")).shadowCommand(host),
    },
  ],
  load: async () => (await import("./shadow-module.js")).shadowModule,
};
