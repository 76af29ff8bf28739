/**
 * The product-categorizer example in headless Chromium against a real genchi server (SQLite)
 * and the scripted upstream: the model suggests a category (via `generateObject`), the user
 * accepts it, edits it, dismisses it, regenerates it (and lets the next one time out); each
 * lands in genchi on the right call with the right kind, label and edit distance, posted by the
 * page through /sdk/feedback.js with a public key from another origin; genchi's dashboard
 * then shows the route's structured-output adherence.
 */
import { type ScriptedUpstream, startScriptedUpstream } from "@genchi/scripted-upstream";
import type { CallDetail, Feedback } from "@genchi/spec";
import { createTempSqlitePath, launchBrowser } from "@genchi/testkit";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error — the example is plain JavaScript
import { startCategorizer } from "../../../../examples/product-categorizer/server.js";
import { type RunningServer, startServer } from "../../src/app/start-server.js";
import { displayPrefix, generateKey, hashKey } from "../../src/platform/keys/project-keys.js";

const key = "gk_test_categorizer_0123456789ab";
const ignoreAfterMs = 4000;

describe("product-categorizer example in a browser", () => {
  let server: RunningServer;
  let upstream: ScriptedUpstream;
  let tmp: ReturnType<typeof createTempSqlitePath>;
  let app: { url: string; close: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const feedbackOf = async (callId: string): Promise<Feedback[]> => {
    const res = await fetch(`${server.url}/api/v1/calls/${callId}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as CallDetail).feedback;
  };
  const eventually = async <T>(
    read: () => Promise<T>,
    done: (value: T) => boolean,
    ms = 30_000,
  ): Promise<T> => {
    const until = Date.now() + ms;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > until) return value;
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  /** Types a product, gets the scripted suggestion on screen, returns its call id. */
  async function suggest(product: string, category: string): Promise<string> {
    upstream.script({ type: "json", value: { category } });
    await page.fill("#product", product);
    const before = await page.getAttribute("#suggestion", "data-call-id");
    await page.click("#suggest");
    return waitForSuggestion(category, before);
  }
  async function waitForSuggestion(category: string, before: string | null): Promise<string> {
    await page.waitForFunction(
      ([c, b]) => {
        const s = document.querySelector<HTMLElement>("#suggestion")!;
        return (
          !s.hidden &&
          s.dataset["callId"] !== b &&
          document.querySelector<HTMLInputElement>("#category")!.value === c
        );
      },
      [category, before] as const,
    );
    return (await page.getAttribute("#suggestion", "data-call-id"))!;
  }
  const lastFeedback = (kind: string) => page.waitForSelector(`body[data-last-feedback="${kind}"]`);

  beforeAll(async () => {
    tmp = createTempSqlitePath();
    server = await startServer({
      db: tmp.path,
      port: 0,
      host: "127.0.0.1",
      initProjectKey: key,
      quiet: true,
    });
    const project = await server.store.ensureProject("default");
    const publicKey = generateKey("public");
    await server.store.createKey({
      projectId: project.id,
      kind: "public",
      hash: hashKey(publicKey),
      prefix: displayPrefix(publicKey),
      name: "categorizer page",
    });
    upstream = await startScriptedUpstream();
    app = await startCategorizer({
      genchiUrl: server.url,
      genchiKey: key,
      publicKey,
      llmBaseUrl: `${upstream.url}/v1`,
      llmApiKey: "sk-test",
      ignoreAfterMs,
    });
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    // The page's clock is paused: a suggestion times out as ignored only when the test moves the
    // clock on, never because a busy machine was slow to click.
    await page.clock.install();
    await page.clock.pauseAt(Date.now() + 1_000);
    await page.goto(app.url);
    await page.waitForSelector("#product");
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await upstream?.close();
    await server?.close();
    tmp?.remove();
  });

  it("records an accepted suggestion as accept / strong_positive", async () => {
    const callId = await suggest("Trail running shoes", "Footwear");
    await page.click("#accept");
    await lastFeedback("accept");
    const [feedback] = await feedbackOf(callId);
    expect(feedback).toMatchObject({ kind: "accept", label: "strong_positive", editedOutput: null });
    expect(feedback!.metadata).toMatchObject({ suggestion: "Footwear" });
    // The call itself was logged by generateObject, with its route and attempt.
    const call = (await (
      await fetch(`${server.url}/api/v1/calls/${callId}`, { headers: { authorization: `Bearer ${key}` } })
    ).json()) as CallDetail;
    expect(call.route).toBe("categorize");
    expect(call.metadata["structured"]).toMatchObject({ attempt: 1, valid: true, outcome: "first_try" });
  });

  it("records an edit as accept_edit / positive with the edit and its normalised distance", async () => {
    const callId = await suggest("Rain jacket", "Footwear");
    await page.fill("#category", "Outerwear");
    await page.click("#accept");
    await lastFeedback("accept_edit");
    const [feedback] = await feedbackOf(callId);
    expect(feedback).toMatchObject({ kind: "accept_edit", label: "positive", editedOutput: "Outerwear" });
    // Levenshtein("Footwear", "Outerwear") = 5, over 9 characters.
    expect(feedback!.metadata).toMatchObject({ suggestion: "Footwear", editChars: 5 });
    expect(feedback!.metadata["editDistance"]).toBeCloseTo(5 / 9, 3);
  });

  it("records a dismissed suggestion as ignore / negative", async () => {
    const callId = await suggest("Yoga mat", "Home");
    await page.click("#dismiss");
    await lastFeedback("ignore");
    const [feedback] = await feedbackOf(callId);
    expect(feedback).toMatchObject({ kind: "ignore", label: "negative" });
    expect(feedback!.metadata).toMatchObject({ reason: "dismissed" });
  });

  it("records regenerate / strong_negative, and a suggestion left alone times out as ignore", async () => {
    const first = await suggest("Leather tote", "Footwear");
    upstream.script({ type: "json", value: { category: "Bags" } });
    await page.click("#regenerate");
    const second = await waitForSuggestion("Bags", first);
    expect(second).not.toBe(first);
    const regenerated = await eventually(
      () => feedbackOf(first),
      (f) => f.length > 0,
    );
    expect(regenerated.map((f) => [f.kind, f.label])).toEqual([["regenerate", "strong_negative"]]);
    await page.clock.runFor(ignoreAfterMs);
    const timedOut = await eventually(
      () => feedbackOf(second),
      (f) => f.length > 0,
    );
    expect(timedOut.map((f) => [f.kind, f.label, f.metadata["reason"]])).toEqual([
      ["ignore", "negative", "timeout"],
    ]);
    expect(pageErrors).toEqual([]);
  });

  it("shows the route's structured-output adherence on genchi's dashboard", async () => {
    const dashboard = await browser.newPage();
    await dashboard.goto(`${server.url}/dashboard?range=1h`);
    const row = dashboard.locator('[data-testid="adherence-panel"] .adherence-row', {
      hasText: "categorize",
    });
    await row.waitFor();
    // Five suggestions, each valid on the first try.
    expect(await row.locator('[data-testid="adherence-rate"]').textContent()).toBe("100% of 5");
    await dashboard.close();
  });
});
