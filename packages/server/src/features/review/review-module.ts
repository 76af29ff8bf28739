/** What the review feature brings to a running server (loaded by `review.load()`). */
import type { FeatureModule } from "../../platform/feature.js";
import { reviewRemindersJob } from "./review-reminders-job.js";
import { reviewRoutes } from "./review-routes.js";
import { reviewStorePart } from "./store/review-store-part.js";

export const reviewModule: FeatureModule = {
  store: reviewStorePart,
  routes: [reviewRoutes],
  jobs: () => [reviewRemindersJob()],
};
