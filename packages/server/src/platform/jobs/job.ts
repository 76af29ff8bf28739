/**
 * A Job: background work declared next to its feature's code and run by one scheduler
 * (`run-jobs.ts`). It is shaped so that a PostgreSQL-backed queue can run the same jobs
 * unchanged: `run` takes only what it needs (`ctx`: the store, a log) and the time it runs for,
 * holds no state between runs, and is idempotent — safe to retry, and safe to run in several
 * processes at once (a job that must do something once per slot claims the slot in the store).
 */

/**
 * When a job runs: every `everyMs` (the first run `firstAfterMs` after start, default `everyMs`;
 * later runs on the `everyMs` grid from start), or once a day at `hourUtc`:00 UTC.
 */
export type JobSchedule = { everyMs: number; firstAfterMs?: number } | { hourUtc: number };

/**
 * @example
 * const retention: Job<{ store: Store }> = {
 *   name: "retention",
 *   schedule: { everyMs: 3_600_000, firstAfterMs: 5_000 },
 *   run: async ({ store }, now) => void (await store.deleteCallsBefore(new Date(now.getTime() - 30 * 86_400_000))),
 * };
 */
export interface Job<C = unknown> {
  /** A stable id (kebab-case): logs, and later the queue's task name. */
  name: string;
  schedule: JobSchedule;
  /** One run for the instant `now`. Throwing is logged; the job runs again at its next time. */
  run(ctx: C, now: Date): Promise<void>;
}
