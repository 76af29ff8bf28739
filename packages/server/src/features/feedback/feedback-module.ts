/** What the feedback feature brings to a running server (loaded by `feedback.load()`). */
import type { FeatureModule } from "../../platform/feature.js";
import { feedbackRoutes } from "./feedback-routes.js";
import { heldFeedbackJob } from "./held-feedback-job.js";
import { sdkRoutes } from "./sdk-routes.js";

export const feedbackModule: FeatureModule = {
  routes: [feedbackRoutes, sdkRoutes],
  jobs: (services) => [heldFeedbackJob(services.config.feedbackHoldHours)],
};
