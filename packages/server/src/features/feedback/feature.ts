/** The feedback feature. User feedback on calls: the feedback API, the browser snippet (`/sdk/feedback.js`), held feedback. */
import type { Feature } from "../../platform/feature.js";

export const feedback: Feature = {
  name: "feedback",
  load: async () => (await import("./feedback-module.js")).feedbackModule,
};
