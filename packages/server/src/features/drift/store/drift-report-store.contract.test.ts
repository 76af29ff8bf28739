/** The DriftReportStore contract, run unchanged on SQLite and PostgreSQL. */
import type { DriftReport } from "@genchi/spec";
import { type StoreTarget, storeBackends } from "@genchi/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../../app/open-store.js";
import type { Store } from "../../../platform/store/store.js";

const report = (drifted: boolean): DriftReport => ({
  drifted,
  baselineCount: 40,
  currentCount: 60,
  findings: drifted
    ? [
        {
          side: "input",
          descriptor: "typoRate",
          kind: "numeric",
          test: "ks",
          statistic: 0.4,
          pValue: 0.001,
          threshold: 0.05,
          psi: 0.3,
          drifted: true,
          direction: "up",
          summary: "typo rate up",
          examples: [],
        } as unknown as DriftReport["findings"][number],
      ]
    : [],
  clusters: [],
  semantic: null,
});

describe.each(storeBackends)("DriftReportStore on %s", (_name, makeTarget) => {
  let target: StoreTarget | undefined;
  const stores: Store[] = [];
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
    await target?.cleanup();
    target = undefined;
  });
  const open = async () => {
    target ??= await makeTarget();
    const s = await openStore(target.url);
    stores.push(s);
    return s;
  };

  it("claims a (route, day) once across two connections; completes, fails, lists and gets", async () => {
    const s1 = await open();
    const s2 = await openStore(target!.url);
    stores.push(s2);
    const a = (await s1.ensureProject("a")).id;
    const b = (await s1.ensureProject("b")).id;
    const claims = await Promise.all([
      s1.driftReports.claim(a, "categorize", "2026-11-27", "categorize-baseline"),
      s2.driftReports.claim(a, "categorize", "2026-11-27", "categorize-baseline"),
    ]);
    expect(claims.filter((c) => c !== null)).toHaveLength(1);
    const id = (claims.find((c) => c !== null) as { id: string }).id;
    expect(await s1.driftReports.claim(a, "categorize", "2026-11-27", "x")).toBeNull();
    // another day, route or project is its own claim
    expect(await s1.driftReports.claim(a, "categorize", "2026-11-28", "x")).not.toBeNull();
    expect(await s1.driftReports.claim(a, "support", "2026-11-27", "x")).not.toBeNull();
    expect(await s1.driftReports.claim(b, "categorize", "2026-11-27", "x")).not.toBeNull();

    const running = await s2.driftReports.get(a, id);
    expect(running).toMatchObject({ status: "running", report: null, day: "2026-11-27" });
    await s2.driftReports.complete(a, id, report(true));
    const done = await s1.driftReports.get(a, id);
    expect(done).toMatchObject({
      status: "done",
      drifted: true,
      baselineCount: 40,
      currentCount: 60,
      flagged: ["input.typoRate"],
      baseline: "categorize-baseline",
    });
    expect(done?.report).toEqual(report(true));
    expect(done?.finishedAt).not.toBeNull();
    // a finished claim is never claimed again, even when old
    expect(await s1.driftReports.claim(a, "categorize", "2026-11-27", "x", -1)).toBeNull();

    const other = (await s1.driftReports.claim(a, "categorize", "2026-11-28", "x", -1)) as { id: string };
    expect(other).not.toBeNull(); // a stale running claim is taken over
    await s1.driftReports.fail(a, other.id, "no dataset 'x'");
    expect(await s1.driftReports.get(a, other.id)).toMatchObject({
      status: "failed",
      error: "no dataset 'x'",
    });

    expect(await s1.driftReports.get(b, id)).toBeNull();
    expect(await s1.driftReports.get(a, "nope")).toBeNull();
  });

  it("stores on-demand reports (no day, never conflicting) and lists newest first by route", async () => {
    const s = await open();
    const a = (await s.ensureProject("a")).id;
    const first = await s.driftReports.insert(a, "categorize", "baseline-1", report(false));
    await new Promise((r) => setTimeout(r, 5));
    const second = await s.driftReports.insert(a, "categorize", "baseline-1", report(true));
    await s.driftReports.insert(a, "support", "baseline-2", report(false));
    expect(first).toMatchObject({ day: null, status: "done", drifted: false, flagged: [] });
    const listed = await s.driftReports.list(a, { route: "categorize", limit: 10 });
    expect(listed.map((r) => r.id)).toEqual([second.id, first.id]);
    expect(listed[0]).not.toHaveProperty("report");
    expect(await s.driftReports.list(a, { limit: 2 })).toHaveLength(2);
    expect(await s.driftReports.list(a, { route: "none", limit: 10 })).toEqual([]);
  });
});
