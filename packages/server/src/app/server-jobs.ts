/**
 * Every background job of the server, built from the services: the one list `startServer`
 * hands the scheduler (`platform/jobs/run-jobs.ts`). The daily drift job uses the services'
 * embedder — the same one the drift routes use.
 */
import { dailyDriftJob } from "../features/drift/daily-drift-job.js";
import type { Job } from "../platform/jobs/job.js";
import { reviewRemindersJob } from "../features/review/review-reminders-job.js";
import { heldFeedbackJob } from "../features/feedback/held-feedback-job.js";
import { retentionJob } from "../features/calls/retention-job.js";
import type { Store } from "../platform/store/store.js";
import type { Services } from "./services.js";

/** What the server's jobs are given to run: the store, and a line printer (silent when quiet). */
export interface ServerJobContext {
  store: Store;
  log: (line: string) => void;
}

/**
 * @example const jobs = startJobs(serverJobs(services), { store, log }, { enabled: true })
 */
export function serverJobs(services: Services): Job<ServerJobContext>[] {
  const { config } = services;
  const jobs: Job<ServerJobContext>[] = [heldFeedbackJob(config.feedbackHoldHours), reviewRemindersJob()];
  if (config.retentionDays) jobs.push(retentionJob(config.retentionDays));
  if (config.drift.routes.length > 0) jobs.push(dailyDriftJob(config.drift, services.drift.embedder));
  return jobs;
}
