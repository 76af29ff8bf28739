/** The review feature. The review queue: daily samples, annotations, failure modes, suites, reminders. */
import type { Feature } from "../../platform/feature.js";
import type { ReviewReminders } from "./review-reminders.js";
import type { ReviewService } from "./review-service.js";

declare module "../../platform/services.js" {
  interface Services {
    /** The review queue, annotations, suites; the reminder ("run now" — its job runs from the scheduler). */
    review: { service: ReviewService; reminders: ReviewReminders };
  }
}

export const review: Feature = {
  name: "review",
  load: async () => (await import("./review-module.js")).reviewModule,
};
