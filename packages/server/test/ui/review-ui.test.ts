/**
 * The Review page in Chromium against the real server: a reviewer works through 10 calls with
 * the keyboard alone (p pass, f fail, t tag, e correct, n note, a assertions, j next), tags two failures,
 * turns one into an assertion, and `genchi eval` (the built CLI, against the scripted upstream)
 * runs that assertion and the correction from the suite exported as YAML. The call detail page
 * shows each annotation; without a reviewer name the page shows the queue and asks for the name inline.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ScriptedUpstream, startScriptedUpstream } from "@genchi/scripted-upstream";
import type { Annotation, SuiteAssertion } from "@genchi/spec";
import { createTempSqlitePath, launchBrowser } from "@genchi/testkit";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../src/app/start-server.js";

const key = "gk_test_review_ui_0123456789abcdef";
const repo = fileURLToPath(new URL("../../../..", import.meta.url));
const bin = fileURLToPath(new URL("../../bin/genchi.js", import.meta.url));
const shots = `${repo}test-output/screenshots/`;
const work = mkdtempSync(join(tmpdir(), "genchi-review-ui-"));

/** The two calls a reviewer fails (they got negative feedback, so the queue shows them first). */
const refusal = "call-bad-refusal";
const unable = "call-bad-unable";

let server: RunningServer;
let upstream: ScriptedUpstream;
let tmp: ReturnType<typeof createTempSqlitePath>;
let browser: Browser;

async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(`${server.url}${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  return (await res.json()) as T;
}

function genchi(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: work,
    env: { ...process.env, OPENAI_API_KEY: "sk-test" },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

beforeAll(async () => {
  if (!existsSync(`${repo}packages/web/dist/index.html`)) {
    throw new Error("build the web UI first: npm run -s build -w @genchi/web");
  }
  mkdirSync(shots, { recursive: true });
  tmp = createTempSqlitePath();
  server = await startServer({ db: tmp.path, port: 0, initProjectKey: key, quiet: true });
  upstream = await startScriptedUpstream();
  const now = Date.now();
  const call = (id: string, i: number, input: string, output: string) => ({
    id,
    timestamp: new Date(now - i * 60_000).toISOString(),
    route: "categorize",
    model: "gpt-4o-mini",
    input: [
      { role: "system", content: "Answer with one category." },
      { role: "user", content: input },
    ],
    output: { role: "assistant", content: output },
  });
  const calls = [
    call(refusal, 0, "Sorry to bother you: I was charged twice", "Sorry, I cannot help with that."),
    call(unable, 1, "Where is my parcel?", "I am unable to answer questions."),
    ...Array.from({ length: 10 }, (_, i) =>
      call(`call-ok-${i}`, i + 2, `ticket ${i}`, i % 2 ? "billing" : "shipping"),
    ),
  ];
  const feedback = [
    { callId: refusal, kind: "regenerate" },
    { callId: unable, kind: "thumbs_down" },
  ];
  const r = await fetch(`${server.url}/api/v1/ingest`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ calls, feedback }),
  });
  expect(r.status).toBe(207);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await upstream?.close();
  await server?.close();
  tmp?.remove();
});

const currentCall = (page: Page) =>
  page.locator('[data-testid="review-call"]').getAttribute("data-call-id", { timeout: 30_000 });

async function waitForOtherCall(page: Page, previous: string | null): Promise<string> {
  await page.waitForFunction(
    (prev) => {
      const el = document.querySelector('[data-testid="review-call"]');
      return el !== null && el.getAttribute("data-call-id") !== prev;
    },
    previous,
    { timeout: 30_000 },
  );
  return (await currentCall(page))!;
}

// Generous: a browser and `genchi eval` processes are slow on a busy machine.
describe("Review page in Chromium", { timeout: 120_000 }, () => {
  it("reviews 10 calls by keyboard, tags two failures, and one becomes an assertion genchi eval runs", async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    await context.addInitScript((k) => {
      localStorage.setItem("genchi.key", k);
      localStorage.setItem("genchi.reviewer", "ana");
    }, key);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${server.url}/review`);

    const seen: string[] = [];
    let id = await waitForOtherCall(page, null);
    for (let n = 0; n < 10; n++) {
      seen.push(id);
      if (id === refusal || id === unable) {
        await page.keyboard.press("f");
        await page.locator('[data-testid="review-verdict"]', { hasText: "fail" }).waitFor();
        await page.keyboard.press("t");
        await page.keyboard.type(id === refusal ? "refusal" : "unhelpful");
        await page.keyboard.press("Enter");
        await page.locator('[data-testid="review-tags"] .badge').first().waitFor();
        if (id === unable) {
          // e: the output becomes an editable correction; Ctrl+Enter saves it.
          await page.keyboard.press("e");
          const editor = page.locator('textarea[data-testid="review-input"]');
          await editor.waitFor();
          expect(await editor.inputValue()).toBe("I am unable to answer questions.");
          await page.keyboard.press("Control+A");
          await page.keyboard.type("shipping");
          await page.keyboard.press("Control+Enter");
          await page.getByText("Correction: shipping").waitFor();
        }
        if (id === refusal) {
          await page.keyboard.press("n");
          await page.keyboard.type('apologises with "Sorry" instead of a category');
          await page.keyboard.press("Enter");
          await page.getByText("Note: apologises").waitFor();
          await page.keyboard.press("a");
          const proposals = page.locator('[data-testid="review-proposals"] li');
          await proposals.first().waitFor();
          expect(await proposals.first().getAttribute("data-kind")).toBe("not-contains");
          expect(await proposals.first().textContent()).toContain("catches 1 failure(s)");
          // A hand-written check with a broken regex gets a clear message, not a stored assertion.
          const custom = page.locator('[data-testid="review-custom-value"]');
          await custom.focus();
          await page.keyboard.type("([a-z");
          await page.keyboard.press("Enter");
          const problem = page.locator('[data-testid="review-custom"] [role="alert"]');
          await problem.waitFor();
          expect(await problem.textContent()).toContain("invalid regex");
          await custom.evaluate((el) => (el as HTMLInputElement).blur());
          await page.keyboard.press("1");
          await page.locator('[data-testid="review-added"]').waitFor();
          await page.screenshot({ path: `${shots}review-proposals.png` });
          await page.keyboard.press("Escape");
        }
        await page.keyboard.press("j");
      } else {
        await page.keyboard.press("p");
      }
      if (n < 9)
        id = await waitForOtherCall(page, id).catch(async (e) => {
          await page.screenshot({ path: `${shots}review-debug.png` });
          throw e;
        });
    }
    await page.locator('[data-testid="review-progress"]', { hasText: "10 / 12 reviewed today" }).waitFor();
    expect(await page.locator('[data-testid="review-progress"]').textContent()).toContain("streak 1 day");
    const today = new Date().toISOString().slice(0, 10);
    await page.locator(`[data-testid="review-stats"] [data-day="${today}"][data-reviewed="10"]`).waitFor();
    expect(await page.locator('[data-testid="review-stats"]').textContent()).toContain(
      "On review today: ana",
    );
    await page.screenshot({ path: `${shots}review-stats.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();

    // Negative feedback first: both failures were among the first calls offered.
    expect(seen.slice(0, 2).sort()).toEqual([refusal, unable].sort());
    expect(new Set(seen).size).toBe(10);
    const annotations = (await api<{ data: Annotation[] }>("/api/v1/review/annotations?reviewer=ana")).data;
    expect(annotations).toHaveLength(10);
    const failures = annotations.filter((a) => a.verdict === "fail");
    expect(failures.map((a) => [a.callId, a.tags]).sort()).toEqual([
      [refusal, ["refusal"]],
      [unable, ["unhelpful"]],
    ]);
    const items = await api<{ data: { expected: unknown; sourceCallId: string }[] }>(
      "/api/v1/datasets/review-categorize/items",
    );
    expect(items.data).toEqual([expect.objectContaining({ expected: "shipping", sourceCallId: unable })]);
    const suite = (await api<{ data: SuiteAssertion[] }>("/api/v1/review/suites/categorize/assertions")).data;
    expect(suite.map((s) => s.assert)).toEqual([{ type: "not-contains", value: "Sorry" }]);

    // The exported suite runs in genchi eval: the scripted model echoes each input, so the new
    // assertion trips only on the refusal's input ("Sorry to bother you…"), and the correction
    // ("shipping") is the expected output of its own test, which the echo does not meet.
    const res = await fetch(
      `${server.url}/api/v1/review/suites/categorize.yaml?apiBaseUrl=${encodeURIComponent(`${upstream.url}/v1`)}`,
      { headers: { authorization: `Bearer ${key}` } },
    );
    expect(res.status).toBe(200);
    const config = join(work, "categorize.yaml");
    writeFileSync(config, await res.text());
    const out = join(work, "out.json");
    const run = await genchi("eval", config, "--output", out);
    expect(run.stderr).not.toContain("bad config");
    expect(run.code).toBe(1);
    const results = JSON.parse(readFileSync(out, "utf8")) as {
      results: { description: string; pass: boolean; output: string }[];
      stats: { passed: number; failed: number };
    };
    expect(results.results).toHaveLength(10);
    const failed = results.results
      .filter((r) => !r.pass)
      .sort((a, b) => a.description.localeCompare(b.description));
    expect(failed.map((r) => r.description)).toEqual([
      expect.stringContaining(refusal),
      expect.stringContaining(unable),
    ]);
    expect(failed[0]!.output).toContain("Sorry");
    expect(failed[1]!.output).toBe("echo: Where is my parcel?");
    expect(results.stats).toMatchObject({ passed: 8, failed: 2 });
  });

  it("shows each annotation on the call detail page: reviewer, verdict, failure modes, note, correction, time", async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    await context.addInitScript((k) => localStorage.setItem("genchi.key", k), key);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${server.url}/calls/${unable}`);
    const unableNote = page.locator('[data-testid="call-annotations"] [data-testid="annotation"]');
    await unableNote.first().waitFor({ timeout: 30_000 });
    expect(await unableNote.count()).toBe(1);
    expect(await unableNote.getAttribute("data-reviewer")).toBe("ana");
    expect(await unableNote.getAttribute("data-verdict")).toBe("fail");
    const text = (await unableNote.textContent()) ?? "";
    expect(text).toContain("ana");
    expect(text).toContain("fail");
    expect(text).toContain("unhelpful");
    expect(text).toContain("shipping");
    const time = unableNote.locator("time");
    const stored = (await api<{ data: Annotation[] }>(`/api/v1/review/annotations?callId=${unable}`))
      .data[0]!;
    expect(await time.getAttribute("datetime")).toBe(stored.createdAt);
    await page.goto(`${server.url}/calls/${refusal}`);
    const refusalNote = page.locator('[data-testid="call-annotations"] [data-testid="annotation"]');
    await refusalNote.first().waitFor({ timeout: 30_000 });
    const refusalText = (await refusalNote.textContent()) ?? "";
    expect(refusalText).toContain("refusal");
    expect(refusalText).toContain('apologises with "Sorry" instead of a category');
    await page.screenshot({ path: `${shots}call-detail-annotations.png`, fullPage: true });
    // A call nobody reviewed says so (logged a month ago: outside any review queue's lookback).
    await api("/api/v1/ingest", {
      method: "POST",
      body: {
        calls: [
          {
            id: "call-unreviewed",
            timestamp: new Date(Date.now() - 30 * 86_400_000).toISOString(),
            route: "categorize",
            input: "ticket",
            output: "billing",
          },
        ],
      },
    });
    await page.goto(`${server.url}/calls/call-unreviewed`);
    await page
      .locator('[data-testid="call-annotations"]', { hasText: "Not reviewed yet" })
      .waitFor({ timeout: 30_000 });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("renames a failure mode and merges another into it; the annotations follow", async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    await context.addInitScript((k) => {
      localStorage.setItem("genchi.key", k);
      localStorage.setItem("genchi.reviewer", "ana");
    }, key);
    const page = await context.newPage();
    await page.goto(`${server.url}/review`);
    const unhelpful = page.locator('[data-testid="failure-mode"][data-name="unhelpful"]');
    await unhelpful.locator("input").fill("unhelpful-answer");
    await unhelpful.getByRole("button", { name: "Rename" }).click();
    const renamed = page.locator('[data-testid="failure-mode"][data-name="unhelpful-answer"]');
    await renamed.waitFor();
    const refusalRow = page.locator('[data-testid="failure-mode"][data-name="refusal"]');
    await refusalRow.locator("select").selectOption({ label: "unhelpful-answer" });
    await refusalRow.getByRole("button", { name: "Merge" }).click();
    await refusalRow.waitFor({ state: "detached" });
    expect(await page.locator('[data-testid="failure-mode"]').count()).toBe(1);
    await context.close();
    const failures = (await api<{ data: Annotation[] }>("/api/v1/review/annotations?verdict=fail")).data;
    expect(failures.map((a) => a.tags)).toEqual([["unhelpful-answer"], ["unhelpful-answer"]]);
  });

  it("shows the queue before a name is given, asks for the name inline once and remembers it", async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    await context.addInitScript((k) => localStorage.setItem("genchi.key", k), key);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${server.url}/review`);
    // No name yet: the queue, the stats and the name field are all on the page.
    const rows = page.locator('[data-testid="review-queue"] [data-testid="review-queue-item"]');
    await rows.first().waitFor({ timeout: 30_000 });
    const queue = (await api<{ items: { callId: string; doneBy: string | null }[] }>("/api/v1/review/queue"))
      .items;
    expect(await rows.count()).toBe(queue.length);
    expect(
      await page.locator(`[data-testid="review-queue-item"][data-call-id="${refusal}"]`).textContent(),
    ).toContain("done by ana");
    await page.locator('[data-testid="review-stats"]').waitFor();
    await page.locator('[data-testid="review-progress"]', { hasText: "10 / 12 reviewed today" }).waitFor();
    const name = page.locator('[data-testid="reviewer-name"]');
    expect(await name.isVisible()).toBe(true);
    await page.screenshot({ path: `${shots}review-no-name.png`, fullPage: true });
    // A key press does nothing without a name (no verdict for nobody).
    await page.keyboard.press("p");
    await name.fill("bo");
    await name.press("Enter");
    const open = queue.filter((q) => q.doneBy === null).map((q) => q.callId);
    const id = await waitForOtherCall(page, null);
    expect(open).toContain(id);
    expect(await page.evaluate(() => localStorage.getItem("genchi.reviewer"))).toBe("bo");
    expect(await name.count()).toBe(0);
    // Asked once: after a reload the page goes straight to bo's call.
    await page.reload();
    expect(await waitForOtherCall(page, null)).toBe(id);
    expect(await page.locator('[data-testid="reviewer-name"]').count()).toBe(0);
    expect(await page.locator(".review-page").textContent()).toContain("reviewer bo");
    expect(errors).toEqual([]);
    await context.close();
    expect((await api<{ data: Annotation[] }>("/api/v1/review/annotations?reviewer=bo")).data).toEqual([]);
  });
});
