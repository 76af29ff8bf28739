/**
 * The demo's drift step over a real server: after the demo traffic (typos and a pet-tech line
 * in the last 3 days), it stores a baseline dataset linked to its calls and one report that
 * flags the typo descriptor. (How fast the step runs is not asserted here: tests do not depend on
 * the machine's speed.)
 */

import { type RunningServer, startServer } from "@genchi/server";
import { createTempSqlitePath } from "@genchi/testkit";
import { afterAll, beforeAll, expect, test } from "vitest";
import { demoBaselineDataset, driftDemoStep } from "../src/scenarios/drift.js";
import { trafficStep } from "../src/scenarios/traffic.js";

const key = "gk_test_demo_drift_step_0123456789";
const tmp = createTempSqlitePath();
let server: RunningServer;
const context = () => ({ url: server.url, key, seed: 42, calls: 6_000, nowMs: Date.now(), log: () => {} });

beforeAll(async () => {
  server = await startServer({ db: tmp.path, port: 0, initProjectKey: key, quiet: true });
  await trafficStep.run(context());
}, 120_000);

afterAll(async () => {
  await server.close();
  tmp.remove();
});

test("stores a baseline and one report that flags the typo descriptor", async () => {
  const lines: string[] = [];
  await driftDemoStep.run({ ...context(), log: (l) => lines.push(l) });
  const project = (await server.store.getProjectByName("default"))!;
  const dataset = await server.store.datasets.get(project.id, demoBaselineDataset);
  expect(dataset?.itemCount).toBeGreaterThan(100);
  const items = await server.store.datasets.listItems(project.id, dataset!.id, { limit: 5 });
  for (const item of items.data)
    expect(await server.store.getCall(project.id, item.sourceCallId!)).not.toBeNull();
  const reports = await server.store.driftReports.list(project.id, { route: "categorize", limit: 5 });
  expect(reports).toHaveLength(1);
  expect(reports[0]?.flagged).toContain("input.typo_rate");
  const stored = await server.store.driftReports.get(project.id, reports[0]!.id);
  const typo = stored?.report?.findings.find((f) => f.side === "input" && f.descriptor === "typo_rate");
  expect(typo?.drifted).toBe(true);
  expect(lines.join("\n")).toMatch(/typo_rate/);
});
