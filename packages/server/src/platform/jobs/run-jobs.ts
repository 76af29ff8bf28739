/**
 * The one scheduler for background jobs, in process: each job runs on its schedule, one run of
 * a job at a time (a tick that finds it still running is skipped), a failure is logged and does
 * not stop it or the others, timers never keep the process alive, and `stop()` waits for the
 * runs under way.
 */
import type { Job, JobSchedule } from "./job.js";

export interface StartJobsOptions {
  /** `false`: schedule nothing (`genchi serve --no-jobs`). Default true. */
  enabled?: boolean;
  /** The clock passed to each run (default the wall clock). */
  now?: () => Date;
  /** Called when a run throws; default a line on stderr: `genchi: <name> failed: <message>`. */
  onError?: (job: Job<never>, error: unknown) => void;
}

export interface RunningJobs {
  /** Clears every timer and waits for the runs under way. */
  stop(): Promise<void>;
}

const dayMs = 86_400_000;

function logError(job: Job<never>, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`genchi: ${job.name} failed: ${message}\n`);
}

/** Milliseconds from `now` to the next `hourUtc`:00:00 UTC strictly after it. */
function untilHour(hourUtc: number, now: Date): number {
  const next = new Date(now);
  next.setUTCHours(hourUtc, 0, 0, 0);
  if (next.getTime() <= now.getTime()) next.setTime(next.getTime() + dayMs);
  return next.getTime() - now.getTime();
}

/**
 * @example
 * const jobs = startJobs([retentionJob(30)], { store, log }, { enabled: !noJobs });
 * … await jobs.stop();
 */
export function startJobs<C>(jobs: readonly Job<C>[], ctx: C, options: StartJobsOptions = {}): RunningJobs {
  const now = options.now ?? (() => new Date());
  const onError = options.onError ?? logError;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let stopped = false;
  if (options.enabled === false) return { stop: async () => {} };

  const arm = (timer: NodeJS.Timeout) => {
    timer.unref();
    timers.add(timer);
    return timer;
  };

  for (const job of jobs) {
    let current: Promise<void> | undefined;
    const tick = () => {
      if (stopped || current) return;
      const run = (async () => job.run(ctx, now()))()
        .catch((error: unknown) => onError(job as Job<never>, error))
        .finally(() => {
          current = undefined;
          running.delete(run);
        });
      current = run;
      running.add(run);
    };
    const schedule: JobSchedule = job.schedule;
    if ("everyMs" in schedule) {
      if (schedule.firstAfterMs !== undefined) {
        const first = arm(
          setTimeout(() => {
            timers.delete(first);
            tick();
          }, schedule.firstAfterMs),
        );
      }
      arm(setInterval(tick, schedule.everyMs));
    } else {
      const daily = () => {
        const timer = arm(
          setTimeout(
            () => {
              timers.delete(timer);
              if (stopped) return;
              tick();
              daily();
            },
            untilHour(schedule.hourUtc, now()),
          ),
        );
      };
      daily();
    }
  }

  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all(running);
    },
  };
}
