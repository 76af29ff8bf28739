/** The datasets feature. Datasets of eval inputs with provenance, from feedback or a holdout refresh. */
import type { Feature } from "../../platform/feature.js";

export const datasets: Feature = {
  name: "datasets",
  commands: [
    {
      name: "dataset",
      term: "dataset refresh",
      summary: "refresh a holdout dataset from recent production inputs of a route",
      load: async (host) => (await import("./dataset-command.js")).datasetCommand(host),
    },
  ],
  load: async () => (await import("./datasets-module.js")).datasetsModule,
};
