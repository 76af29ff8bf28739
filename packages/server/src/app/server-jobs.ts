/**
 * Every background job of the server, built from the services: each feature's jobs, in the
 * order of `features/index.ts` — the one list `startServer` hands the scheduler
 * (`platform/jobs/run-jobs.ts`). Jobs share the services' instances (the drift job uses the
 * same embedder as the drift routes).
 */
import type { Job } from "../platform/jobs/job.js";
import type { ServerJobContext } from "../platform/jobs/server-job-context.js";
import type { Services } from "../platform/services.js";
import { featureModules } from "./feature-modules.js";

export type { ServerJobContext } from "../platform/jobs/server-job-context.js";

/**
 * @example const jobs = startJobs(await serverJobs(services), { store, log }, { enabled: true })
 */
export async function serverJobs(services: Services): Promise<Job<ServerJobContext>[]> {
  return (await featureModules()).flatMap((module) => module.jobs?.(services) ?? []);
}
