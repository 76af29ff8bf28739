/**
 * Deletes held feedback whose call never arrived (see `feedbackHoldHours`), as a job: a minute
 * after start and then hourly; it runs on the SQLite store's write worker. A failure is logged
 * and tried next hour. Idempotent: a second run for the same `now` finds nothing to delete.
 */
import type { Job } from "../../platform/jobs/job.js";
import type { Store } from "../../platform/store/store.js";

/**
 * @example startJobs([heldFeedbackJob(config.feedbackHoldHours)], { store, log }, {})
 */
export function heldFeedbackJob(holdHours: number): Job<{ store: Store; log: (line: string) => void }> {
  return {
    name: "held-feedback",
    schedule: { everyMs: 3_600_000, firstAfterMs: 60_000 },
    async run({ store, log }, now) {
      const n = await store.deleteOrphanFeedbackBefore(new Date(now.getTime() - holdHours * 3_600_000));
      if (n > 0)
        log(`genchi: removed ${n} feedback items whose call did not arrive within ${holdHours} hours`);
    },
  };
}
