/** The drift feature. Dev-vs-prod drift: reports on demand and daily per route, holdout refresh, embeddings. */

import type { Feature } from "../../platform/feature.js";
import type { Embedder } from "./embedders/embedder.js";

declare module "../../platform/services.js" {
  interface Services {
    /** The one embedder (cached on disk) of the drift routes, holdout refresh and the daily drift job. */
    drift: { embedder: Embedder };
  }
}

export const drift: Feature = {
  name: "drift",
  commands: [
    {
      name: "drift",
      term: "drift [options]",
      summary: "dev-vs-prod skew report: descriptors and semantic topics",
      load: async (_host) => (await import("./drift-command.js")).driftCommand(),
    },
  ],
  load: async () => (await import("./drift-module.js")).driftModule,
};
