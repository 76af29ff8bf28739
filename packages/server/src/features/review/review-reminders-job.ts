/**
 * The daily review reminder as a job: checked every minute; each project's reminder goes out at
 * or after its hour (UTC), once a day, by whichever process claims (project, day) in the store
 * first — so several servers, or a retried run, send it once.
 */
import type { Job } from "../../platform/jobs/job.js";
import type { Store } from "../../platform/store/store.js";
import { ReviewReminders } from "./review-reminders.js";

/**
 * @example startJobs([reviewRemindersJob()], { store }, {})
 */
export function reviewRemindersJob(post: typeof fetch = fetch): Job<{ store: Store }> {
  return {
    name: "review-reminders",
    schedule: { everyMs: 60_000 },
    async run({ store }, now) {
      await new ReviewReminders(store, post).runOnce(now);
    },
  };
}
