/** The health feature. Liveness and readiness: `/api/health`, `/api/ready`. */
import type { Feature } from "../../platform/feature.js";

export const health: Feature = {
  name: "health",
  load: async () => (await import("./health-module.js")).healthModule,
};
