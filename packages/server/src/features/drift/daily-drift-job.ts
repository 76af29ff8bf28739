/**
 * The daily drift report per route: at or after the configured UTC hour, each project's
 * route is compared — its baseline dataset against the 24 hours of production before the
 * run — and the report stored. Each (project, route, day) is claimed in the store first
 * (INSERT … ON CONFLICT DO NOTHING), so with several servers exactly one runs it.
 * `dailyDriftJob` is the job the scheduler runs every 10 minutes; `DailyDriftJob.runOnce` runs it now.
 */

import type { DriftConfig } from "@genchi/spec";
import type { Job } from "../../platform/jobs/job.js";
import type { Store } from "../../platform/store/store.js";
import { datasetRecords, windowRecords } from "./drift-sources.js";
import type { Embedder } from "./embedders/embedder.js";
import { runDrift } from "./run-drift.js";

export interface DailyDriftOutcome {
  projectId: string;
  route: string;
  day: string;
  reason: "not_yet" | "no_baseline" | "no_calls" | "already_claimed" | "stored" | "failed";
  reportId?: string;
  error?: string;
}

const dayMs = 86_400_000;

/** The baseline dataset's name for a route (`{route}` replaced). */
export function baselineName(config: DriftConfig, route: string): string {
  return config.baselineDataset.replaceAll("{route}", route);
}

/**
 * The job: every 10 minutes, every due (project, route) for the run's UTC day — a slot already
 * claimed (by this process or another) is skipped, so a retry or a second server adds nothing.
 *
 * @example startJobs([dailyDriftJob(config.drift, embedder)], { store }, {})
 */
export function dailyDriftJob(config: DriftConfig, embedder?: Embedder): Job<{ store: Store }> {
  return {
    name: "daily-drift",
    schedule: { everyMs: 600_000 },
    async run({ store }, now) {
      await new DailyDriftJob(store, config, embedder).runOnce(now);
    },
  };
}

export class DailyDriftJob {
  constructor(
    private readonly store: Store,
    private readonly config: DriftConfig,
    private readonly embedder?: Embedder,
  ) {}

  /**
   * Runs every due (project, route) once for `now`'s UTC day.
   *
   * @example await new DailyDriftJob(store, config.drift).runOnce(new Date())
   */
  async runOnce(now: Date = new Date(), onlyProjectId?: string): Promise<DailyDriftOutcome[]> {
    const day = now.toISOString().slice(0, 10);
    const since = new Date(now.getTime() - dayMs).toISOString();
    const until = now.toISOString();
    const outcomes: DailyDriftOutcome[] = [];
    const projects = await this.store.listProjects();
    for (const project of projects) {
      if (onlyProjectId !== undefined && project.id !== onlyProjectId) continue;
      for (const route of this.config.routes) {
        const base = { projectId: project.id, route, day };
        if (now.getUTCHours() < this.config.hour) {
          outcomes.push({ ...base, reason: "not_yet" });
          continue;
        }
        const baseline = baselineName(this.config, route);
        if (!(await this.store.datasets.get(project.id, baseline))) {
          outcomes.push({ ...base, reason: "no_baseline" });
          continue;
        }
        const recent = await this.store.listCalls(project.id, { limit: 1, route, since, until });
        if (recent.data.length === 0) {
          outcomes.push({ ...base, reason: "no_calls" });
          continue;
        }
        const claim = await this.store.driftReports.claim(project.id, route, day, baseline);
        if (!claim) {
          outcomes.push({ ...base, reason: "already_claimed" });
          continue;
        }
        try {
          const report = await runDrift(
            await datasetRecords(this.store, project.id, baseline),
            await windowRecords(this.store, project.id, { route, since, until, limit: 5_000 }),
            { embedder: this.config.semantic ? this.embedder : undefined },
          );
          await this.store.driftReports.complete(project.id, claim.id, report);
          outcomes.push({ ...base, reason: "stored", reportId: claim.id });
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          await this.store.driftReports.fail(project.id, claim.id, message);
          outcomes.push({ ...base, reason: "failed", reportId: claim.id, error: message });
        }
      }
    }
    return outcomes;
  }
}
