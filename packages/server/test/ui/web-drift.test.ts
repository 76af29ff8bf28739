/**
 * The Drift page in Chromium against the real server: a dataset of test inputs and a route's
 * production calls with typos and JSON lists injected; Compare shows the drift summary, a card
 * per moved descriptor with its histogram, effect and examples, every compared descriptor in the
 * table and the skipped ones with their reason; with
 * topics on, the cluster map and the uncovered topic (a new product line) with its examples.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateCalls } from "@genchi/scripted-upstream/generated-calls";
import { createTempSqlitePath, launchBrowser } from "@genchi/testkit";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../src/app/start-server.js";

const key = "gk_test_web_drift_0123456789abcdef";
const repo = fileURLToPath(new URL("../../../..", import.meta.url));
const shots = `${repo}test-output/screenshots/`;
const production = generateCalls({
  n: 150,
  seed: 2,
  typoShare: 0.3,
  arrayOutputShare: 0.2,
  newTopicShare: 0.2,
});
/** The new product line's inputs (typos included): the uncovered topic's examples must be these. */
const newTopicInputs = new Set<string>();

describe("Drift page in Chromium", () => {
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
    if (!existsSync(`${repo}packages/web/dist/index.html`))
      execFileSync("npm", ["run", "-s", "build", "-w", "@genchi/web"], { cwd: repo, stdio: "ignore" });
    mkdirSync(shots, { recursive: true });
    process.chdir(mkdtempSync(join(tmpdir(), "genchi-web-drift-"))); // the embeddings cache lands here
    tmp = createTempSqlitePath();
    server = await startServer({ db: tmp.path, port: 0, initProjectKey: key, quiet: true });
    const now = Date.now();
    for (const c of production) if (c.topic === "solar") newTopicInputs.add(c.input);
    await post("/api/v1/ingest", {
      calls: production.map((c, i) => ({
        timestamp: new Date(now - i * 60_000).toISOString(),
        route: "categorize",
        input: [{ role: "user", content: c.input }],
        output: c.output,
        model: "gpt-4o-mini",
      })),
    });
    await post("/api/v1/datasets", { name: "categorize-tests", route: "categorize" });
    await post("/api/v1/datasets/categorize-tests/items", {
      items: generateCalls({ n: 150, seed: 1 }).map((c) => ({
        vars: { input: c.input },
        expected: c.output,
      })),
    });
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    await context.addInitScript((k) => localStorage.setItem("genchi.key", k), key);
    page = await context.newPage();
    page.on("pageerror", (error) => console.error(`page error: ${error.message}`));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    tmp?.remove();
  });

  it("shows what moved: typos on inputs, JSON lists on outputs, with histograms and examples", async () => {
    await page.goto(`${server.url}/drift`);
    await page
      .locator('[data-testid="drift-dataset"] option[value="categorize-tests"]')
      .waitFor({ state: "attached" });
    expect(await page.locator('[data-testid="drift-route"]').inputValue()).toBe("categorize");
    await page.click('[data-testid="drift-run"]');
    await page.locator('[data-testid="drift-summary"]').waitFor();
    expect(await page.locator('[data-testid="drift-summary"]').textContent()).toContain(
      "Production has drifted from the tests",
    );
    const moved = page.locator('[data-testid="drift-moved"]');
    const typo = moved.filter({ hasText: "input · typo_rate" });
    expect(await typo.count()).toBe(1);
    expect(await typo.locator("svg rect").count()).toBeGreaterThan(4);
    const jsonType = moved.filter({ hasText: "output · json_type" });
    expect(await jsonType.count()).toBe(1);
    expect(await jsonType.locator("li").first().textContent()).toMatch(/^\[/);
    // prose inputs skip the 4 JSON/XML descriptors, JSON outputs the 5 prose ones and xml_valid
    expect(await page.locator('[data-testid="drift-findings"] tbody tr').count()).toBe(14);
    const skipped = page.locator('[data-testid="drift-skipped"] li');
    expect(await skipped.count()).toBe(10);
    expect(await skipped.filter({ hasText: "output · language" }).textContent()).toMatch(/JSON, not prose/);
    expect(await typo.textContent()).toMatch(/D \d/);
    await page.screenshot({ path: `${shots}drift.png`, fullPage: true });
  });

  it("with topics on: the cluster map and the new product line as an uncovered topic", async () => {
    await page.getByLabel(/topics/).check();
    await page.click('[data-testid="drift-run"]');
    await page.locator('[data-testid="drift-cluster-map"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-testid="drift-cluster-map"] circle').count()).toBe(300);
    const uncovered = page.locator('[data-testid="drift-uncovered"]');
    expect(await uncovered.count()).toBeGreaterThanOrEqual(1);
    const examples = await uncovered.first().locator("li").allTextContents();
    expect(examples.length).toBeGreaterThan(0);
    for (const e of examples) expect(newTopicInputs.has(e)).toBe(true);
    await page.screenshot({ path: `${shots}drift-topics.png`, fullPage: true });
    await page
      .locator('[data-testid="drift-cluster-map"]')
      .screenshot({ path: `${shots}drift-cluster-map.png` });
  }, 90_000);
});
