/**
 * The review reminders as a scheduled job, on both backends: before the project's hour it
 * sends nothing; at the hour, runs retried in one process and run at once in two (two store
 * connections) post the webhook once for the day; the next day it goes out again.
 */

import { type StoreTarget, storeBackends } from "@genchi/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../app/open-store.js";
import type { Store } from "../../platform/store/store.js";
import { reviewRemindersJob } from "./review-reminders-job.js";

describe.each(storeBackends)("reviewRemindersJob on %s", (_name, makeTarget) => {
  let target: StoreTarget;
  const stores: Store[] = [];
  beforeAll(async () => {
    target = await makeTarget();
    stores.push(await openStore(target.url), await openStore(target.url));
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
    await target.cleanup();
  });

  it("posts once per project and day, however many runs and processes", async () => {
    const [s1, s2] = stores as [Store, Store];
    const project = await s1.ensureProject("default");
    await s1.review.putReminder(project.id, { webhookUrl: "http://hooks.invalid/review", hourUtc: 6 });
    const posts: string[] = [];
    const post = (async (url: string | URL | Request, init?: RequestInit) => {
      posts.push(`${String(url)} ${String(init?.body)}`);
      return new Response("ok", { status: 200 });
    }) as typeof fetch;
    const job = reviewRemindersJob(post);
    expect(job).toMatchObject({ name: "review-reminders", schedule: { everyMs: 60_000 } });

    await job.run({ store: s1 }, new Date("2026-12-03T05:59:00Z"));
    expect(posts).toEqual([]);
    const at = new Date("2026-12-03T06:01:00Z");
    await Promise.all([job.run({ store: s1 }, at), job.run({ store: s2 }, at)]);
    await job.run({ store: s1 }, new Date("2026-12-03T07:00:00Z"));
    expect(posts).toHaveLength(1);
    expect(posts[0]).toContain('"day":"2026-12-03"');
    await job.run({ store: s2 }, new Date("2026-12-04T06:00:00Z"));
    expect(posts).toHaveLength(2);
    expect(posts[1]).toContain('"day":"2026-12-04"');
  });
});
