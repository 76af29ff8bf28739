/**
 * The eval pages in a real browser (Debian's Chromium via playwright-core) against the real
 * server loaded with the evals demo: the runs list shows the API's runs and pass rates, a run
 * page shows failures first, flaky tests first and the smallest-model table with its
 * recommendation, and picking two runs opens their comparison with the API's flips and
 * McNemar p-value. Screenshots land in test-output/screenshots/.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { evalsDemoStep, runDemo } from "@genchi/demo";
import type { EvalResultsPage, EvalRun, EvalRunComparison, EvalRunsPage } from "@genchi/spec";
import { createTempSqlitePath, launchBrowser } from "@genchi/testkit";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../src/app/start-server.js";

const key = "gk_test_evals_ui_key_0123456789ab";
const repo = fileURLToPath(new URL("../../../..", import.meta.url));
const shots = `${repo}test-output/screenshots/`;

describe("eval pages in Chromium", () => {
  let server: RunningServer;
  let tmp: ReturnType<typeof createTempSqlitePath>;
  let browser: Browser;
  let context: BrowserContext;
  let runs: EvalRun[];

  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };
  const open = async (path: string): Promise<Page> => {
    const page = await context.newPage();
    page.on("pageerror", (error) => console.error(`page error on ${path}: ${error.message}`));
    await page.goto(`${server.url}${path}`);
    return page;
  };
  const shoot = (page: Page, name: string) =>
    page.screenshot({ path: `${shots}${name}.png`, fullPage: false });
  const run = (part: string) => runs.find((r) => r.description.includes(part))!;

  beforeAll(async () => {
    if (!existsSync(`${repo}packages/web/dist/index.html`)) {
      execFileSync("npm", ["run", "-s", "build", "-w", "@genchi/web"], { cwd: repo, stdio: "ignore" });
    }
    mkdirSync(shots, { recursive: true });
    tmp = createTempSqlitePath();
    server = await startServer({ db: tmp.path, port: 0, initProjectKey: key, quiet: true });
    await runDemo({ url: server.url, key, seed: 42, calls: 0, nowMs: Date.now(), log: () => {} }, [
      evalsDemoStep,
    ]);
    runs = (await api<EvalRunsPage>("/api/v1/evals/runs")).data;
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript((k) => localStorage.setItem("genchi.key", k), key);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    tmp?.remove();
  });

  it("lists the runs newest first with their pass rates, from the Evals tab", async () => {
    const page = await open("/dashboard");
    await page.locator("nav.tabs a", { hasText: "Evals" }).click();
    await page.waitForURL(/\/evals$/);
    const rows = page.locator('[data-testid="eval-runs"] tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(runs.length);
    const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-run-id")));
    expect(ids).toEqual(runs.map((r) => r.id));
    const models = run("which model");
    const row = page.locator(`tr[data-run-id="${models.id}"]`);
    expect(await row.locator("td").nth(2).textContent()).toContain("categorize — which model is enough?");
    expect(await row.locator("td").nth(4).textContent()).toContain("openai:chat:gpt-4.1-nano-2025-04-14");
    expect(await row.locator("td").nth(6).textContent()).toBe(`${(models.passRate! * 100).toFixed(1)}%`);
    const repeated = run("5 repeats");
    expect(repeated.flakyTests).toBeGreaterThan(0);
    expect(await page.locator(`tr[data-run-id="${repeated.id}"] td`).nth(7).textContent()).toBe(
      String(repeated.flakyTests),
    );
    expect(await row.locator("td").nth(7).textContent()).toBe("–");
    await shoot(page, "evals-runs");
    await page.close();
  });

  it("shows a run: the smallest-model table with its recommendation, and the failures first", async () => {
    const models = run("which model");
    const failures = await api<EvalResultsPage>(`/api/v1/evals/runs/${models.id}/results?failedOnly=true`);
    const page = await open(`/evals/runs/${models.id}`);
    const table = page.locator('[data-testid="provider-table"]');
    await table.waitFor();
    expect(await table.locator("tbody tr").count()).toBe(3);
    for (const p of models.providerTable) {
      const cells = table.locator(`tr[data-provider="${p.provider}"] td`);
      expect(await cells.nth(2).textContent()).toBe(`${(p.passRate * 100).toFixed(1)}%`);
      expect(await cells.nth(6).textContent()).toBe(p.onFront ? "on the front" : "dominated");
    }
    const rec = models.recommendation;
    expect(rec?.type).toBe("recommended");
    if (rec?.type === "recommended")
      expect(await page.locator('[data-testid="recommendation"] strong').textContent()).toBe(rec.provider);
    const failureRows = page.locator('[data-testid="eval-failures"] tbody tr');
    await failureRows.first().waitFor();
    await shoot(page, "evals-run-models");
    expect(await failureRows.count()).toBe(failures.data.length);
    const first = failures.data[0]!;
    expect(await failureRows.first().locator("td").first().textContent()).toBe(first.description);
    expect(await failureRows.first().locator("pre").textContent()).toBe(first.output);
    expect(await failureRows.first().locator("td").last().textContent()).toMatch(/icontains|regex/);
    // failures come before the full list
    const order = await page
      .locator('[data-testid="eval-failures"], [data-testid="eval-results"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")));
    expect(order).toEqual(["eval-failures", "eval-results"]);
    await page.locator('[data-testid="eval-results"] tbody tr').first().waitFor();
    expect(await page.locator('[data-testid="eval-results"] tbody tr').count()).toBe(100);
    await page.locator('[data-testid="eval-results"] button', { hasText: "Load more" }).click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="eval-results"] tbody tr').length === 120,
    );
    await page.close();
  });

  it("shows the repeated run's flaky tests first", async () => {
    const repeated = await api<EvalRun>(`/api/v1/evals/runs/${run("5 repeats").id}`);
    const flaky = repeated.repeatMetrics.filter((r) => r.flaky);
    expect(flaky.length).toBeGreaterThan(0);
    const page = await open(`/evals/runs/${repeated.id}`);
    const table = page.locator('[data-testid="repeat-table"]');
    await table.waitFor();
    expect(await table.locator("h2").textContent()).toBe(`Repeats: ${flaky.length} flaky of 40 tests`);
    const marks = await table
      .locator("tbody tr")
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-flaky")));
    expect(marks).toEqual([...Array(flaky.length).fill("true"), ...Array(40 - flaky.length).fill("false")]);
    expect(await table.locator("tbody tr").first().locator(".badge-warn").textContent()).toBe("flaky");
    await shoot(page, "evals-run-repeats");
    await page.close();
  });

  it("refreshes the totals of a run that is still streaming in", async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<EvalRun>);
    const live = await post("/api/v1/evals/runs", { description: "live run", total: 4 });
    const result = (i: number) => ({
      description: `live ${i}`,
      vars: {},
      provider: "p",
      pass: true,
      score: 1,
      output: "ok",
      error: null,
    });
    await post(`/api/v1/evals/runs/${live.id}/results`, { results: [result(0)] });
    const page = await open(`/evals/runs/${live.id}`);
    const results = page.locator('[data-testid="eval-run-kpis"] .kpi').nth(2).locator(".kpi-value");
    await page.waitForFunction(() => document.querySelector('[data-testid="eval-run-kpis"]') !== null);
    expect(await results.textContent()).toBe("1");
    await post(`/api/v1/evals/runs/${live.id}/results`, { results: [result(1), result(2), result(3)] });
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="eval-run-kpis"] .kpi-value')[2]?.textContent === "4",
      undefined,
      { timeout: 30_000 }, // the page refreshes every 3 s: a few refreshes, even on a busy machine
    );
    await page.close();
  }, 60_000);

  it("compares two picked runs side by side: flips each way, McNemar, deltas", async () => {
    const before = run("before migration");
    const after = run("after migration");
    const diff = await api<EvalRunComparison>(`/api/v1/evals/compare?a=${before.id}&b=${after.id}`);
    const page = await open("/evals");
    await page.locator(`tr[data-run-id="${after.id}"] input[type=checkbox]`).check();
    await page.locator(`tr[data-run-id="${before.id}"] input[type=checkbox]`).check();
    await page.locator('[data-testid="compare-picked"]').click();
    await page.waitForURL(/\/evals\/compare\?/);
    const url = new URL(page.url());
    expect([url.searchParams.get("a"), url.searchParams.get("b")]).toEqual([before.id, after.id]);
    const regressions = page.locator('[data-testid="regressions"]');
    await regressions.waitFor();
    const c = diff.comparison;
    expect(c.regressions.length).toBeGreaterThan(0);
    expect(c.improvements.length).toBeGreaterThan(0);
    expect(await regressions.locator("tbody tr").count()).toBe(c.regressions.length);
    expect(await page.locator('[data-testid="improvements"] tbody tr').count()).toBe(c.improvements.length);
    const cells = regressions.locator("tbody tr").first().locator("td");
    expect(await cells.nth(0).textContent()).toBe(c.regressions[0]!.description);
    expect(await cells.nth(2).textContent()).toBe(c.regressions[0]!.before);
    expect(await cells.nth(3).textContent()).toBe(c.regressions[0]!.after);
    expect(await page.locator('[data-testid="mcnemar"] .kpi-value').textContent()).toBe(
      c.mcnemar.pValue.toPrecision(3),
    );
    expect(await page.locator('[data-testid="gate"]').textContent()).toBe(c.gate);
    expect(await page.locator('[data-testid="compare-kpis"]').textContent()).toContain("Latency p50 change");
    // It says what it compares and which way is better.
    const explainer = await page.locator('[data-testid="compare-explainer"]').textContent();
    expect(explainer).toContain(`before: ${before.description}`);
    expect(explainer).toContain(`after: ${after.description}`);
    expect(explainer).toContain(`on the ${c.pairs} results both runs have`);
    expect(explainer).toContain("A higher pass rate is better");
    expect(await page.locator('[data-testid="compare-kpis"]').textContent()).toContain("(higher is better)");
    const deltaClassName = await page.locator('[data-testid="pass-rate-delta"]').getAttribute("class");
    if (c.passRateDelta < 0) expect(deltaClassName).toContain("text-error");
    if (c.passRateDelta > 0) expect(deltaClassName).toContain("text-ok");
    await shoot(page, "evals-compare");

    // A run page links to the comparison with the previous run of its suite.
    await page.goto(`${server.url}/evals/runs/${after.id}`);
    await page.locator("a", { hasText: "Compare with the previous run" }).click();
    await page.waitForURL(new RegExp(`a=${before.id}&b=${after.id}`));
    await page.locator('[data-testid="regressions"]').waitFor();

    // An unknown run reads as a message, not a blank page.
    await page.goto(`${server.url}/evals/compare?a=nope&b=${after.id}`);
    await page.locator('[role="alert"]').waitFor();
    expect(await page.locator('[role="alert"]').textContent()).toContain("no eval run 'nope'");
    await page.close();
  });
});
