/**
 * Stored drift reports on the Drift page in Chromium: a report stored through the API is
 * listed with what it flagged, and opening it shows its findings (typos on inputs).
 */
import { generateCalls } from "@genchi/scripted-upstream/generated-calls";
import { createTempSqlitePath, launchBrowser } from "@genchi/testkit";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../src/app/start-server.js";

const key = "gk_test_web_drift_stored_0123456789";

describe("Drift page: stored reports", () => {
  let server: RunningServer;
  let tmp: ReturnType<typeof createTempSqlitePath>;
  let browser: Browser;
  let page: Page;
  const post = (path: string, body: unknown) =>
    fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    tmp = createTempSqlitePath();
    server = await startServer({ db: tmp.path, port: 0, initProjectKey: key, quiet: true });
    const now = Date.now();
    await post("/api/v1/ingest", {
      calls: generateCalls({ n: 200, seed: 2, typoShare: 0.3 }).map((c, i) => ({
        timestamp: new Date(now - i * 60_000).toISOString(),
        route: "support",
        input: [{ role: "user", content: c.input }],
        output: c.output,
        model: "gpt-4o-mini",
      })),
    });
    await post("/api/v1/datasets", { name: "support-baseline", route: "support" });
    await post("/api/v1/datasets/support-baseline/items", {
      items: generateCalls({ n: 200, seed: 1 }).map((c) => ({
        vars: { input: c.input },
        expected: c.output,
      })),
    });
    const stored = await post("/api/v1/drift/reports", {
      route: "support",
      baselineDataset: "support-baseline",
      since: "1d",
    });
    expect(stored.status).toBe(201);
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    await context.addInitScript((k) => localStorage.setItem("genchi.key", k), key);
    page = await context.newPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    tmp?.remove();
  });

  it("lists the stored report and opens it", async () => {
    await page.goto(`${server.url}/drift`);
    const row = page.locator('[data-testid="drift-stored-row"]');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.first().textContent()).toMatch(/support.*support-baseline.*input\.typo_rate/);
    await page.click('[data-testid="drift-stored-open"]');
    await page.locator('[data-testid="drift-summary"]').waitFor();
    expect(await page.locator('[data-testid="drift-stored-label"]').textContent()).toMatch(/support/);
    expect(
      await page.locator('[data-testid="drift-moved"]').filter({ hasText: "input · typo_rate" }).count(),
    ).toBe(1);
  }, 60_000);
});
