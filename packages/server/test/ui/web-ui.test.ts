/**
 * The web UI in a real browser (Debian's Chromium via playwright-core) against the real
 * server on loopback, loaded with the demo's traffic plus one known call: the dashboard draws
 * its charts with the API's numbers, filters and search narrow the call list, the detail page
 * shows messages and feedback, a wrong key brings the prompt back, a bad URL filter shows a
 * message. Screenshots land in test-output/screenshots/ for a person to look at.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runDemo, trafficStep } from "@genchi/demo";
import type { FeedbackSummary, FeedbackTimeseries, IngestResponse, Timeseries } from "@genchi/spec";
import { createTempSqlitePath, launchBrowser } from "@genchi/testkit";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../src/app/start-server.js";

const key = "gk_test_web_ui_key_0123456789abcdef";
const repo = fileURLToPath(new URL("../../../..", import.meta.url));
const shots = `${repo}test-output/screenshots/`;
const knownId = "web-ui-known-call-1";
const knownWord = "zebrafishlamp";

describe("web UI in Chromium", () => {
  let server: RunningServer;
  let tmp: ReturnType<typeof createTempSqlitePath>;
  let browser: Browser;
  let context: BrowserContext;

  const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(`${server.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    });
    return (await res.json()) as T;
  };
  const open = async (path: string, ctx: BrowserContext = context): Promise<Page> => {
    const page = await ctx.newPage();
    page.on("pageerror", (error) => console.error(`page error on ${path}: ${error.message}`));
    await page.goto(`${server.url}${path}`);
    return page;
  };
  const shoot = (page: Page, name: string) =>
    page.screenshot({ path: `${shots}${name}.png`, fullPage: false });

  beforeAll(async () => {
    if (!existsSync(`${repo}packages/web/dist/index.html`)) {
      execFileSync("npm", ["run", "-s", "build", "-w", "@genchi/web"], { cwd: repo, stdio: "ignore" });
    }
    mkdirSync(shots, { recursive: true });
    tmp = createTempSqlitePath();
    server = await startServer({ db: tmp.path, port: 0, initProjectKey: key, quiet: true });
    await runDemo({ url: server.url, key, seed: 7, calls: 3000, nowMs: Date.now(), log: () => {} }, [
      trafficStep,
    ]);
    const stored = await api<IngestResponse>("/api/v1/ingest", {
      method: "POST",
      body: JSON.stringify({
        calls: [
          {
            id: knownId,
            timestamp: new Date(Date.now() - 120_000).toISOString(),
            route: "support-reply",
            provider: "openai",
            requestedModel: "gpt-4o",
            model: "gpt-4o-2024-08-06",
            input: [
              { role: "system", content: "You draft polite support replies for an online shop." },
              { role: "user", content: `My ${knownWord} arrived cracked. Can I get a replacement?` },
              {
                role: "assistant",
                content: null,
                tool_calls: [
                  {
                    id: "tc_1",
                    type: "function",
                    function: { name: "lookup_order", arguments: '{"orderId":"A-1042","include":["items"]}' },
                  },
                ],
              },
              {
                role: "tool",
                tool_call_id: "tc_1",
                content: '{"status":"delivered","items":[{"sku":"ZL-1"}]}',
              },
            ],
            output: {
              role: "assistant",
              content: "Sorry about the cracked lamp! A replacement ships today.",
            },
            latencyMs: 1234,
            ttftMs: 321,
            usage: { inputTokens: 140, outputTokens: 22 },
            userId: "user-web-ui",
            sessionId: "session-web-ui",
            tags: ["web-ui-test"],
            traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
            spanId: "00f067aa0ba902b7",
            metadata: { channel: "email" },
          },
        ],
        feedback: [
          {
            callId: knownId,
            kind: "accept_edit",
            editedOutput: "Sorry! A new lamp ships today, free of charge.",
          },
          { callId: knownId, kind: "comment", comment: "tone is right, a bit long" },
        ],
      }),
    });
    expect(stored.rejected).toBe(0);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript((k) => localStorage.setItem("genchi.key", k), key);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    tmp?.remove();
  });

  it("serves the app for client routes, hashed assets with long cache, and JSON 404s under /api", async () => {
    const html = await fetch(`${server.url}/calls/${knownId}`);
    expect(html.status).toBe(200);
    expect(html.headers.get("content-type")).toContain("text/html");
    const body = await html.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(body)?.[1];
    expect(asset).toBeDefined();
    const js = await fetch(`${server.url}${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers.get("cache-control")).toContain("immutable");
    const missing = await fetch(`${server.url}/api/v1/no-such-thing`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("GENCHI_NOT_FOUND");
    expect((await fetch(`${server.url}/v1/nope`)).headers.get("content-type")).toContain("json");
  });

  it("draws the dashboard's charts with data, and its KPIs match the API", async () => {
    const page = await context.newPage();
    const response = page.waitForResponse((r) => r.url().includes("/api/v1/stats/timeseries"));
    const feedbackResponse = page.waitForResponse((r) => r.url().includes("/api/v1/feedback/summary"));
    await page.goto(`${server.url}/dashboard?range=14d`);
    const ts = (await (await response).json()) as Timeseries;
    const summary = (await (await feedbackResponse).json()) as FeedbackSummary;
    expect(ts.totals.calls).toBeGreaterThanOrEqual(3000);
    await page.locator('[data-testid="plot-calls"] canvas').first().waitFor();
    expect(await page.locator(".chart canvas").count()).toBeGreaterThanOrEqual(5);
    // p50 and p95 each have their own chart and axis: a p95 spike cannot flatten p50.
    await page.locator('[data-testid="plot-latency-p50"] canvas').first().waitFor();
    await page.locator('[data-testid="plot-latency-p95"] canvas').first().waitFor();
    // The calls chart has drawn lines: many non-transparent pixels in its canvas.
    const inked = await page
      .locator('[data-testid="plot-calls"] canvas')
      .first()
      .evaluate((canvas) => {
        const c = canvas as HTMLCanvasElement;
        const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
        return n;
      });
    expect(inked).toBeGreaterThan(500);
    const kpi = (id: string) => page.locator(`[data-testid="kpi-${id}"]`).getAttribute("data-value");
    expect(Number(await kpi("calls"))).toBe(ts.totals.calls);
    expect(Number(await kpi("errors"))).toBe(ts.totals.errors);
    expect(Number(await kpi("cost"))).toBeCloseTo(ts.totals.costUsd, 6);
    expect(await page.locator('[data-testid="kpi-calls"] .kpi-value').textContent()).toBe(
      ts.totals.calls.toLocaleString("en-US"),
    );
    // Feedback: the tile and the per-label bars show the summary's counts.
    expect(summary.total).toBeGreaterThan(0);
    expect(Number(await kpi("feedback"))).toBe(summary.total);
    const negative = summary.byLabel.find((l) => l.label === "negative")?.count ?? 0;
    const negativeRow = page.locator('[data-testid="feedback-panel"] a.bar-row', { hasText: /^negative/ });
    expect(await negativeRow.locator(".bar-count").textContent()).toBe(negative.toLocaleString("en-US"));
    expect(await negativeRow.getAttribute("href")).toContain("label=negative");
    // Labels over time and per route: the table shows the API's routes, busiest first.
    const trend = (await (
      await fetch(`${server.url}/api/v1/feedback/timeseries?since=${ts.since}&until=${ts.until}`, {
        headers: { authorization: `Bearer ${key}` },
      })
    ).json()) as FeedbackTimeseries;
    const labelled = trend.labels.reduce((n, l) => n + l.counts.reduce((a, b) => a + b, 0), 0);
    expect(labelled).toBe(trend.routes.reduce((n, r) => n + r.total, 0));
    expect(labelled).toBeGreaterThan(0);
    const routeCells = page.locator('[data-testid="feedback-by-route"] tbody tr td:first-child');
    await routeCells.first().waitFor();
    expect(await routeCells.allTextContents()).toEqual(
      trend.routes.map((r) => r.route ?? "(call not stored)"),
    );
    await page.locator('[data-testid="feedback-trend-chart"] canvas').first().waitFor();
    await shoot(page, "dashboard");

    // Split by route: each route's legend entry opens its calls.
    await page.getByRole("button", { name: "by route" }).click();
    const legend = page.locator('[data-testid="chart-calls"] .legend a', { hasText: "categorize" });
    await legend.waitFor();
    await shoot(page, "dashboard-by-route");
    await legend.click();
    await page.waitForURL(/\/calls\?.*route=categorize/);
    await page.locator(".table-row[data-call-id]").first().waitFor();
    const routes = await page.locator(".table-row[data-call-id] .cell:nth-child(2)").allTextContents();
    expect(routes.length).toBeGreaterThan(0);
    expect(new Set(routes)).toEqual(new Set(["categorize"]));
    await page.close();
  });

  it("opens the calls of a clicked chart bucket, and the errors chart links to the failed calls", async () => {
    const page = await context.newPage();
    const response = page.waitForResponse((r) => r.url().includes("/api/v1/stats/timeseries"));
    await page.goto(`${server.url}/dashboard?range=1h`); // 1-minute buckets: several pixels each
    const ts = (await (await response).json()) as Timeseries;
    const errorsLink = page.locator('[data-testid="chart-errors"] a', { hasText: "View calls" });
    expect(await errorsLink.getAttribute("href")).toContain("status=error");
    const over = page.locator('[data-testid="plot-calls"] .u-over');
    await over.waitFor();
    // Click the busiest bucket: x runs from the first bucket to the last one of the range.
    const points = ts.series[0]!.points;
    const busiest = points.reduce((a, b) => (b.calls > a.calls ? b : a));
    const first = Math.floor(Date.parse(ts.since) / ts.bucketMs) * ts.bucketMs;
    const last = Math.ceil(Date.parse(ts.until) / ts.bucketMs) * ts.bucketMs - ts.bucketMs;
    const box = (await over.boundingBox())!;
    // Kept 2 px inside the plot: the newest bucket sits on its right edge, where a click misses it.
    const x = Math.min(
      box.x + box.width - 2,
      Math.max(box.x + 2, box.x + (box.width * (Date.parse(busiest.t) - first)) / (last - first)),
    );
    await page.mouse.move(x, box.y + box.height / 2);
    await page.mouse.click(x, box.y + box.height / 2);
    await page.waitForURL(/\/calls\?since=/);
    const url = new URL(page.url());
    const since = Date.parse(url.searchParams.get("since")!);
    const until = Date.parse(url.searchParams.get("until")!);
    expect(until - since).toBe(ts.bucketMs);
    const listed = await api<{ data: Array<{ id: string; timestamp: string }> }>(
      `/api/v1/calls?since=${url.searchParams.get("since")}&until=${url.searchParams.get("until")}&limit=200`,
    );
    expect(listed.data.length).toBeGreaterThan(0);
    for (const call of listed.data) {
      expect(Date.parse(call.timestamp)).toBeGreaterThanOrEqual(since);
      expect(Date.parse(call.timestamp)).toBeLessThan(until);
    }
    await page.waitForFunction(
      (n) => document.querySelectorAll(".table-row[data-call-id]").length === n,
      Math.min(listed.data.length, 20),
    );
    const ids = await page
      .locator(".table-row[data-call-id]")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-call-id")!));
    expect(ids).toEqual(listed.data.slice(0, ids.length).map((c) => c.id));
    await page.close();
  });

  it("narrows the call list with a filter and pages on scroll", async () => {
    const page = await open("/calls");
    const table = page.locator('[data-testid="calls-table"]');
    await page.locator(".table-row[data-call-id]").first().waitFor();
    expect(Number(await table.getAttribute("data-rows"))).toBe(200);
    // Infinite scroll: scrolling to the end loads the next page through the cursor.
    await page.locator(".table-body").evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="calls-table"]')?.getAttribute("data-rows")) > 200,
    );
    await shoot(page, "calls");

    await page.locator('select[name="status"]').selectOption("error");
    await page.waitForURL(/status=error/);
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll(".table-row[data-call-id]")];
      return rows.length > 0 && rows.every((r) => r.querySelector(".badge-error"));
    });
    const errors = Number(await table.getAttribute("data-rows"));
    expect(errors).toBeGreaterThan(0);
    expect(errors).toBeLessThan(200);
    await shoot(page, "calls-errors");
    await page.close();
  });

  it("finds a known call by full-text search and opens it", async () => {
    const page = await open("/calls");
    await page.locator(".table-row[data-call-id]").first().waitFor();
    await page.locator('input[name="q"]').fill(knownWord);
    await page.locator('input[name="q"]').press("Enter");
    await page.waitForURL(new RegExp(`q=${knownWord}`));
    await page.waitForFunction(() => document.querySelectorAll(".table-row[data-call-id]").length === 1);
    const row = page.locator(`.table-row[data-call-id="${knownId}"]`);
    expect(await row.count()).toBe(1);
    await shoot(page, "calls-search");
    await row.click();
    await page.waitForURL(new RegExp(`/calls/${knownId}$`));
    await page.locator('[data-testid="call-input"]').waitFor();
    await page.close();
  });

  it("shows a call's messages, tool calls, output, facts and feedback", async () => {
    const page = await open(`/calls/${knownId}`);
    const input = page.locator('[data-testid="call-input"]');
    await input.waitFor();
    expect(
      await input.locator("[data-role]").evaluateAll((els) => els.map((e) => e.getAttribute("data-role"))),
    ).toEqual(["system", "user", "assistant", "tool"]);
    expect(await input.textContent()).toContain(`My ${knownWord} arrived cracked`);
    expect(await input.locator(".tool-call").textContent()).toContain("lookup_order");
    // Tool arguments are pretty-printed JSON.
    expect(await input.locator(".tool-call pre").textContent()).toContain('"orderId": "A-1042"');
    expect(await page.locator('[data-testid="call-output"]').textContent()).toContain(
      "A replacement ships today",
    );
    const facts = await page.locator(".facts").textContent();
    for (const text of [
      "gpt-4o-2024-08-06",
      "1.23 s",
      "321 ms",
      "140 in",
      "22 out",
      "4bf92f3577b34da6a3ce929d0e0e4736",
    ]) {
      expect(facts).toContain(text);
    }
    const feedback = page.locator('[data-testid="call-feedback"]');
    await feedback.locator(".feedback-item").nth(1).waitFor();
    const text = await feedback.textContent();
    expect(text).toContain("accept edit");
    expect(text).toContain("positive");
    expect(text).toContain("A new lamp ships today");
    expect(text).toContain("tone is right, a bit long");
    await shoot(page, "call-detail");
    await page.close();
  });

  it("shows the key prompt again for a wrong key, and opens with the right one", async () => {
    const other = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    await other.addInitScript(() => {
      if (!sessionStorage.getItem("seeded")) {
        localStorage.setItem("genchi.key", "gk_wrong_key_000000000000000000");
        sessionStorage.setItem("seeded", "1");
      }
    });
    const page = await open("/dashboard", other);
    const prompt = page.locator('form[aria-label="project key"]');
    await prompt.waitFor();
    expect(await prompt.getByRole("alert").textContent()).toContain("did not accept");
    await shoot(page, "key-prompt");
    await prompt.locator('input[name="key"]').fill(key);
    await prompt.getByRole("button", { name: "Open" }).click();
    await page.locator('[data-testid="kpi-calls"]').waitFor();
    expect(await page.evaluate(() => localStorage.getItem("genchi.key"))).toBe(key);
    await other.close();
  });

  it("opens straight in, without a key prompt, in local mode on 127.0.0.1", async () => {
    const fresh = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    const page = await open("/", fresh);
    await page.waitForURL(/\/dashboard$/);
    await page.locator('[data-testid="kpi-calls"]').waitFor();
    expect(await page.locator('form[aria-label="project key"]').count()).toBe(0);
    await fresh.close();
  });

  it("lets the user choose table columns and keeps the choice", async () => {
    const page = await open("/calls");
    await page.locator(".table-row[data-call-id]").first().waitFor();
    const head = page.locator(".table-head");
    expect(await head.textContent()).not.toContain("User");
    await page.locator(".picker summary").click();
    await page.locator(".picker-menu label", { hasText: "User" }).locator("input").check();
    await page.locator(".picker-menu label", { hasText: "Cost" }).locator("input").uncheck();
    expect(await head.textContent()).toContain("User");
    await page.reload();
    await page.locator(".table-row[data-call-id]").first().waitFor();
    const headText = await page.locator(".table-head").textContent();
    expect(headText).toContain("User");
    expect(headText).not.toContain("Cost");
    await page.evaluate(() => localStorage.removeItem("genchi.columns"));
    await page.close();
  });

  it("explains an invalid filter in the URL instead of a blank page", async () => {
    const page = await open("/calls?since=garbage");
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("since");
    expect(await page.locator("h1").textContent()).toBe("Calls");
    await shoot(page, "invalid-filter");
    await page.goto(`${server.url}/calls?status=bogus`);
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").textContent()).toContain("status");
    await page.goto(`${server.url}/calls/does-not-exist`);
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").textContent()).toContain("does-not-exist");
    await page.close();
  });
});
