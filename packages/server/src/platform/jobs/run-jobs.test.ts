/**
 * The job scheduler on a fake clock: a job runs at `firstAfterMs`, then every `everyMs`; an
 * `hourUtc` job runs once a day at that hour; a failing job is logged and runs again next time,
 * and the others keep running; a tick that finds the job still running is skipped; `stop()`
 * waits for a running job; `enabled: false` schedules nothing.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Job } from "./job.js";
import { startJobs } from "./run-jobs.js";

const hour = 3_600_000;

function counting(name: string, schedule: Job["schedule"]) {
  const runs: string[] = [];
  const job: Job<{ tag: string }> = {
    name,
    schedule,
    async run(ctx, now) {
      runs.push(`${ctx.tag}@${now.toISOString()}`);
    },
  };
  return { job, runs };
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2026-12-03T10:30:00.000Z") });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("startJobs", () => {
  it("runs an everyMs job at firstAfterMs, then every everyMs, with ctx and now", async () => {
    const { job, runs } = counting("retention", { everyMs: hour, firstAfterMs: 5_000 });
    const jobs = startJobs([job], { tag: "ctx" });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toEqual(["ctx@2026-12-03T10:30:05.000Z"]);
    await vi.advanceTimersByTimeAsync(hour - 5_000);
    expect(runs).toHaveLength(2);
    expect(runs[1]).toBe("ctx@2026-12-03T11:30:00.000Z");
    await vi.advanceTimersByTimeAsync(2 * hour);
    expect(runs).toHaveLength(4);
    await jobs.stop();
    await vi.advanceTimersByTimeAsync(10 * hour);
    expect(runs).toHaveLength(4);
  });

  it("without firstAfterMs, the first run is after everyMs", async () => {
    const { job, runs } = counting("reminders", { everyMs: 60_000 });
    const jobs = startJobs([job], { tag: "x" });
    await vi.advanceTimersByTimeAsync(59_999);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(runs).toHaveLength(3);
    await jobs.stop();
  });

  it("runs an hourUtc job once a day at that hour (UTC)", async () => {
    const { job, runs } = counting("daily", { hourUtc: 6 });
    const jobs = startJobs([job], { tag: "d" });
    // 10:30 now: today's 06:00 is past, so the first run is tomorrow at 06:00.
    await vi.advanceTimersByTimeAsync(19 * hour + 29 * 60_000);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toEqual(["d@2026-12-04T06:00:00.000Z"]);
    await vi.advanceTimersByTimeAsync(24 * hour - 1);
    expect(runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toEqual(["d@2026-12-04T06:00:00.000Z", "d@2026-12-05T06:00:00.000Z"]);
    await jobs.stop();
  });

  it("logs a failing job, runs it again next time, and keeps the other jobs running", async () => {
    let attempts = 0;
    const failing: Job<{ tag: string }> = {
      name: "flaky",
      schedule: { everyMs: 1_000 },
      async run() {
        attempts++;
        throw new Error(`boom ${attempts}`);
      },
    };
    const { job, runs } = counting("steady", { everyMs: 1_000 });
    const errors: string[] = [];
    const jobs = startJobs(
      [failing, job],
      { tag: "s" },
      { onError: (j, e) => errors.push(`${j.name}: ${(e as Error).message}`) },
    );
    await vi.advanceTimersByTimeAsync(3_000);
    expect(attempts).toBe(3);
    expect(runs).toHaveLength(3);
    expect(errors).toEqual(["flaky: boom 1", "flaky: boom 2", "flaky: boom 3"]);
    await jobs.stop();
  });

  it("skips a tick while the job is still running, and stop() waits for the running job", async () => {
    let release: () => void = () => {};
    let started = 0;
    let finished = 0;
    const slow: Job<object> = {
      name: "slow",
      schedule: { everyMs: 1_000 },
      async run() {
        started++;
        await new Promise<void>((r) => {
          release = r;
        });
        finished++;
      },
    };
    const jobs = startJobs([slow], {});
    await vi.advanceTimersByTimeAsync(5_000);
    expect(started).toBe(1);
    let stopped = false;
    const stopping = jobs.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(finished).toBe(1);
    expect(stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(started).toBe(1);
  });

  it("with enabled: false, schedules nothing", async () => {
    const { job, runs } = counting("off", { everyMs: 1_000, firstAfterMs: 0 });
    const jobs = startJobs([job], { tag: "o" }, { enabled: false });
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toEqual([]);
    await jobs.stop();
  });

  it("never keeps the process alive (timers are unref'd)", async () => {
    vi.useRealTimers();
    const { job } = counting("unref", { everyMs: 60_000, firstAfterMs: 30_000 });
    const daily = counting("unref-daily", { hourUtc: 3 }).job;
    const before = process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    const jobs = startJobs([job, daily], { tag: "u" });
    // An unref'd timer is not listed among the resources that keep the event loop alive.
    expect(process.getActiveResourcesInfo().filter((r) => r === "Timeout").length).toBe(before);
    await jobs.stop();
  });
});
