/**
 * Retention as a job: deletes calls older than `retentionDays` (with their feedback and search
 * entries), 5 s after start and then hourly. The deletes run off the HTTP thread (the SQLite
 * store's write worker). Idempotent: a second run for the same `now` finds nothing to delete.
 */
import type { Job } from "../../platform/jobs/job.js";
import type { Store } from "../../platform/store/store.js";

/**
 * @example startJobs([retentionJob(30)], { store, log }, {})
 */
export function retentionJob(days: number): Job<{ store: Store; log: (line: string) => void }> {
  return {
    name: "retention",
    schedule: { everyMs: 3_600_000, firstAfterMs: 5_000 },
    async run({ store, log }, now) {
      const n = await store.deleteCallsBefore(new Date(now.getTime() - days * 86_400_000));
      if (n > 0) log(`genchi: retention removed ${n} calls older than ${days} days`);
    },
  };
}
