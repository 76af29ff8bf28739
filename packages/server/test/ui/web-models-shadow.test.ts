/**
 * The Models and Shadow pages in Chromium against the real server loaded with the demo's
 * models-and-shadow step: the silently updated alias is flagged with its date, the pinned id and
 * the project's pin show, policy and pins are edited through the page; the shadow report of
 * `categorize` shows the API's numbers in its tiles, the suite's assertions on both sides with
 * the flipped pairs, and the pairs side by side with links to both calls.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { modelsDemoStep, runDemo } from "@genchi/demo";
import type { ModelPinsView, ShadowReport } from "@genchi/spec";
import { createTempSqlitePath, launchBrowser } from "@genchi/testkit";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../src/app/start-server.js";

const key = "gk_test_web_models_shadow_0123456789";
const repo = fileURLToPath(new URL("../../../..", import.meta.url));
const shots = `${repo}test-output/screenshots/`;

describe("Models and Shadow pages in Chromium", () => {
  let server: RunningServer;
  let tmp: ReturnType<typeof createTempSqlitePath>;
  let browser: Browser;
  let context: BrowserContext;

  const api = async <T>(path: string): Promise<T> =>
    (await (
      await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${key}` } })
    ).json()) as T;
  const open = async (path: string): Promise<Page> => {
    const page = await context.newPage();
    page.on("pageerror", (error) => console.error(`page error on ${path}: ${error.message}`));
    await page.goto(`${server.url}${path}`);
    return page;
  };

  beforeAll(async () => {
    if (!existsSync(`${repo}packages/web/dist/index.html`)) {
      execFileSync("npm", ["run", "-s", "build", "-w", "@genchi/web"], { cwd: repo, stdio: "ignore" });
    }
    mkdirSync(shots, { recursive: true });
    tmp = createTempSqlitePath();
    server = await startServer({ db: tmp.path, port: 0, initProjectKey: key, quiet: true });
    await runDemo({ url: server.url, key, seed: 11, calls: 0, nowMs: Date.now(), log: () => {} }, [
      modelsDemoStep,
    ]);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    await context.addInitScript((k) => localStorage.setItem("genchi.key", k), key);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    tmp?.remove();
  });

  it("Models: the silently updated alias is flagged with its date, pinned vs floating badges, the pins", async () => {
    const page = await open("/models");
    const sonnet = page.locator('[data-testid="model-row"][data-model="claude-3-5-sonnet-latest"]');
    await sonnet.waitFor();
    expect(await sonnet.locator('[data-testid="model-kind"]').textContent()).toBe("floating");
    expect(await sonnet.textContent()).toContain("claude-3-5-sonnet-20240620");
    expect(await sonnet.textContent()).toContain("claude-3-5-sonnet-20241022");
    expect(await sonnet.textContent()).toContain("support-reply (30)");
    const pinned = page.locator('[data-testid="model-row"][data-model="gpt-4o-2024-08-06"]');
    expect(await pinned.locator('[data-testid="model-kind"]').textContent()).toBe("pinned");
    const warnings = page.locator('[data-testid="served-changed"]');
    expect(await warnings.count()).toBe(1);
    const sonnetWarning = warnings.filter({
      hasText: "claude-3-5-sonnet-latest now serves claude-3-5-sonnet-20241022",
    });
    expect(await sonnetWarning.count()).toBe(1);
    expect(await sonnetWarning.textContent()).toMatch(/changed on \w{3} \d+/);
    expect(await sonnetWarning.textContent()).toContain("was claude-3-5-sonnet-20240620");
    // The demo's pin, set through the API, and the gpt-4o-mini row pointing at it.
    const pinRows = page.locator('[data-testid="pin-row"]');
    expect(await pinRows.count()).toBe(1);
    expect(await pinRows.first().textContent()).toContain("gpt-4o-mini-2024-07-18");
    expect(await page.locator('[data-testid="model-row"][data-model="gpt-4o-mini"]').textContent()).toContain(
      "pin → gpt-4o-mini-2024-07-18",
    );
    await page.screenshot({ path: `${shots}models.png`, fullPage: true });

    // Route filter: only support-reply's models.
    await page.locator('[data-testid="models-route"]').selectOption("support-reply");
    expect(await page.locator('[data-testid="model-row"]').count()).toBe(1);
    await page.locator('[data-testid="models-route"]').selectOption("");

    // Policy and pins, edited through the page, land in the API.
    await page.locator('[data-testid="policy-warn"]').click();
    await page.locator('[data-testid="policy-warn"].active').waitFor();
    expect((await api<ModelPinsView>("/api/v1/models/pins")).policy).toBe("warn");
    await page.locator('[data-testid="pin-name"]').fill("gpt-4o");
    await page.locator('[data-testid="pin-snapshot"]').fill("gpt-4o-2024-08-06");
    await page.getByRole("button", { name: "Pin", exact: true }).click();
    await page.locator('[data-testid="pin-row"]', { hasText: "gpt-4o-2024-08-06" }).waitFor();
    expect((await api<ModelPinsView>("/api/v1/models/pins")).pins).toContainEqual({
      route: null,
      alias: "gpt-4o",
      pinned: "gpt-4o-2024-08-06",
      origin: "api",
    });
    await page
      .locator('[data-testid="pin-row"]', { hasText: "gpt-4o-2024-08-06" })
      .getByRole("button", { name: "Remove" })
      .click();
    await page
      .locator('[data-testid="pin-row"]', { hasText: "gpt-4o-2024-08-06" })
      .waitFor({ state: "detached" });
    expect((await api<ModelPinsView>("/api/v1/models/pins")).pins.map((p) => p.alias)).toEqual([
      "gpt-4o-mini",
    ]);
    await page.getByRole("button", { name: "Follow the config file" }).click();
    await page.locator('[data-testid="policy-off"].active').waitFor();
    await page.close();
  });

  it("Shadow: tiles, suite assertions on both sides with flips, pairs side by side with links", async () => {
    const report = await api<ShadowReport>("/api/v1/shadow/report?route=categorize");
    expect(report.summary.pairs).toBe(40);
    const suite = report.suite!;
    const page = await open("/shadow");
    // The only shadow route is picked by default.
    await page.locator('[data-testid="shadow-tile-pairs"]').waitFor();
    expect(await page.locator('[data-testid="shadow-route"]').inputValue()).toBe("categorize");
    expect(await page.locator('[data-testid="shadow-setting"]').textContent()).toContain("gpt-4.1-nano");
    expect(await page.locator('[data-testid="shadow-tile-pairs"] .kpi-value').textContent()).toBe("40");
    const pct = (x: number | null) => `${((x ?? 0) * 100).toFixed((x ?? 0) < 0.1 ? 2 : 1)}%`;
    expect(await page.locator('[data-testid="shadow-tile-exact"] .kpi-value').textContent()).toBe(
      pct(report.summary.exactMatchRate),
    );
    expect(await page.locator('[data-testid="shadow-tile-suite"] .kpi-value').textContent()).toBe(
      `${pct(suite.primaryPassRate)} → ${pct(suite.candidatePassRate)}`,
    );
    expect(await page.locator('[data-testid="shadow-tile-cost"] .kpi-value').textContent()).toMatch(/^−\$/);

    const rows = page.locator('[data-testid="suite-assertion"]');
    expect(await rows.count()).toBe(suite.assertions.length);
    const isJson = suite.assertions.find((a) => a.type === "is-json")!;
    const jsonRow = page.locator('[data-testid="suite-assertion"][data-type="is-json"]');
    expect(await jsonRow.locator('[data-testid="suite-primary"]').textContent()).toBe("100.0%");
    expect(await jsonRow.locator('[data-testid="suite-candidate"]').textContent()).toBe(
      pct(isJson.candidatePassRate),
    );
    expect(
      await page
        .locator('[data-testid="suite-assertion"][data-type="llm-rubric"] [data-testid="suite-skipped"]')
        .textContent(),
    ).toContain("needs a judge");

    const pairs = page.locator('[data-testid="shadow-pair"]');
    expect(await pairs.count()).toBe(40);
    await page.screenshot({ path: `${shots}shadow.png`, fullPage: false });

    // The flipped pairs of is-json: exactly the report's flips, the candidate's prose marked as added.
    await jsonRow.locator('[data-testid="suite-flips"]').click();
    await page.waitForURL(/filter=flipped/);
    expect(await pairs.count()).toBe(isJson.flips.length);
    expect(isJson.flips.length).toBeGreaterThan(0);
    const firstFlip = pairs.first();
    const flipped = report.pairs.find((p) => p.shadowId === isJson.flips[0]!.shadowId)!;
    expect(await firstFlip.locator('[data-testid="primary-output"]').textContent()).toBe(
      flipped.primaryOutput,
    );
    // Each pair shows the input both models answered.
    expect(flipped.input.length).toBeGreaterThan(0);
    expect(await firstFlip.locator('[data-testid="shadow-pair-input"]').textContent()).toBe(flipped.input);
    if (flipped.candidateError === null) {
      expect(await firstFlip.locator('[data-testid="candidate-output"]').textContent()).toBe(
        flipped.candidateOutput,
      );
      expect(await firstFlip.locator(".shadow-added").count()).toBeGreaterThan(0);
    }
    await page.screenshot({ path: `${shots}shadow-flipped.png`, fullPage: false });

    // "Different": the pairs that are not an exact match.
    await page.locator('[data-testid="pairs-differ"]').click();
    expect(await pairs.count()).toBe(report.pairs.filter((p) => !p.exactMatch).length);

    // Both calls of a pair are one click away.
    const link = pairs.first().locator('[data-testid="candidate-link"]');
    const href = await link.getAttribute("href");
    expect(href).toMatch(/^\/calls\/demo-models-11-shadow-/);
    await link.click();
    await page.waitForURL(/\/calls\/demo-models-11-shadow-/);
    await page.locator("h1.mono-title", { hasText: "demo-models-11-shadow-" }).waitFor();
    await page.close();
  });
});
