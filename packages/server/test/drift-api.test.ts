/**
 * `POST /api/v1/drift` over real HTTP on loopback (SQLite): a stored dataset, or calls in the
 * body, against a window of production calls filtered by route; the injected shifts are
 * flagged, the other route's calls are left out; bad requests get clear errors. Semantic drift
 * (opt-in) runs the offline model on a small sample.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateCalls } from "@genchi/scripted-upstream/generated-calls";
import { type DriftReport, driftReportSchema } from "@genchi/spec";
import { createTempSqlitePath } from "@genchi/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../src/app/start-server.js";

const key = "gk_test_drift_api_0123456789abcdef";
let server: RunningServer;
let tmp: { path: string; remove: () => void };

async function api<T>(method: string, path: string, body?: unknown, withKey = true) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(withKey ? { authorization: `Bearer ${key}` } : {}),
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as T };
}

const tests = generateCalls({ n: 300, seed: 1 });
const production = generateCalls({ n: 300, seed: 2, typoShare: 0.3, arrayOutputShare: 0.2 });
const otherRoute = generateCalls({ n: 100, seed: 3 }).map((c) => ({ ...c, output: "<ok/>" }));

beforeAll(async () => {
  tmp = createTempSqlitePath();
  process.chdir(mkdtempSync(join(tmpdir(), "genchi-drift-api-"))); // the embeddings cache lands here
  server = await startServer({ db: tmp.path, port: 0, initProjectKey: key, quiet: true });
  const now = Date.now();
  const call = (c: { input: string; output: string }, route: string, i: number) => ({
    timestamp: new Date(now - i * 1000).toISOString(),
    route,
    input: [{ role: "user", content: c.input }],
    output: { role: "assistant", content: c.output },
    model: "gpt-4o-mini",
  });
  const ingest = await api("POST", "/api/v1/ingest", {
    calls: [
      ...production.map((c, i) => call(c, "categorize", i)),
      ...otherRoute.map((c, i) => call(c, "support-reply", i)),
    ],
  });
  expect(ingest.status).toBe(207);
  await api("POST", "/api/v1/datasets", { name: "categorize-tests", route: "categorize" });
  const items = await api("POST", "/api/v1/datasets/categorize-tests/items", {
    items: tests.map((c) => ({ vars: { input: c.input }, expected: c.output })),
  });
  expect(items.status).toBeLessThan(300);
});

afterAll(async () => {
  await server.close();
  tmp.remove();
});

// Semantic drift embeds and clusters in the test process: generous on a busy machine.
describe("POST /api/v1/drift", { timeout: 120_000 }, () => {
  it("a dataset against a route's production window: typos and JSON lists flagged", async () => {
    const r = await api<DriftReport>("POST", "/api/v1/drift", {
      baseline: { dataset: "categorize-tests" },
      current: { route: "categorize" },
    });
    expect(r.status).toBe(200);
    const report = driftReportSchema.parse(r.body);
    expect(report.baselineCount).toBe(300);
    expect(report.currentCount).toBe(300); // the support-reply calls are not in the window
    const finding = (side: string, d: string) =>
      report.findings.find((f) => f.side === side && f.descriptor === d);
    expect(finding("input", "typo_rate")?.drifted).toBe(true);
    expect(finding("output", "json_type")?.drifted).toBe(true);
    expect(finding("output", "xml_valid")).toBeUndefined(); // JSON outputs: XML does not apply
    expect(report.skipped).toContainEqual(
      expect.objectContaining({ side: "output", descriptor: "language", field: "json" }),
    );
    expect(report.semantic).toBeNull();
  });

  it("calls in the body as the baseline; the same distribution flags nothing", async () => {
    const r = await api<DriftReport>("POST", "/api/v1/drift", {
      baseline: {
        calls: generateCalls({ n: 300, seed: 9 }).map((c) => ({ input: c.input, output: c.output })),
      },
      current: { route: "support-reply" },
    });
    expect(r.status).toBe(200);
    const xml = r.body.findings.find((f) => f.side === "output" && f.descriptor === "xml_valid");
    expect(xml?.drifted).toBe(true);
    expect(xml?.move).toMatchObject({ category: "true", direction: "up" });
    expect(r.body.findings.find((f) => f.side === "input" && f.descriptor === "typo_rate")?.drifted).toBe(
      false,
    );
  });

  it("semantic drift on request, with clusters and a map", async () => {
    const r = await api<DriftReport>("POST", "/api/v1/drift", {
      baseline: { dataset: "categorize-tests" },
      current: { route: "categorize" },
      semantic: true,
      sample: 60,
    });
    expect(r.status).toBe(200);
    expect(r.body.semantic?.embedder).toBe("energetic-ai/use-en");
    expect(r.body.semantic?.points).toHaveLength(120);
    expect(r.body.clusters.length).toBeGreaterThanOrEqual(2);
  });

  it("bad requests: no key 401, unknown dataset 404, empty window 400, invalid body 400", async () => {
    expect((await api("POST", "/api/v1/drift", { baseline: { dataset: "x" } }, false)).status).toBe(401);
    const missing = await api<{ error: { code: string; message: string } }>("POST", "/api/v1/drift", {
      baseline: { dataset: "nope" },
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/no dataset 'nope'/);
    const empty = await api<{ error: { message: string } }>("POST", "/api/v1/drift", {
      baseline: { dataset: "categorize-tests" },
      current: { route: "no-such-route" },
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/no production calls in the window of route 'no-such-route'/);
    const invalid = await api<{ error: { code: string } }>("POST", "/api/v1/drift", {
      baseline: { calls: [] },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe("GENCHI_VALIDATION");
  });
});
