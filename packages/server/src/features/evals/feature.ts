/** The evals feature. Stored eval runs and their comparison (`/api/v1/evals`); the engine and `genchi eval` are @genchi/eval. */
import type { Feature } from "../../platform/feature.js";

export const evals: Feature = {
  name: "evals",
  commands: [
    {
      name: "eval",
      term: "eval <config> | compare",
      summary: "run an eval suite (exit 1 when a gate fails), or compare two runs",
      load: async (_host) => (await import("@genchi/eval/cli")).evalCommand(),
    },
  ],
  load: async () => (await import("./evals-module.js")).evalsModule,
};
