// UI first-load benchmark: the built web UI served by genchi on loopback, loaded in headless
// Chromium (Debian's /usr/bin/chromium via playwright-core), from navigation start until the
// dashboard's charts are drawn; a fresh browser context (empty cache) per load, median of
// --loads. Also records the JavaScript bundle size (raw and gzip).
//
//   npm run build && node bench/ui/first-load.js [--calls 10000] [--loads 9] [--range 14d]
//
// The server runs in this process from packages/server/dist with a temp SQLite database, filled
// with the demo traffic through the real ingest API; the UI opens in local mode (no key prompt).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

const { values } = parseArgs({
  options: {
    calls: { type: "string", default: "10000" },
    loads: { type: "string", default: "9" },
    range: { type: "string", default: "14d" },
  },
});
const root = new URL("../..", import.meta.url).pathname;
const { startServer } = await import(`${root}packages/server/dist/app/start-server.js`);
const { runDemo, trafficStep } = await import("@genchi/demo");

function bundleSize() {
  const dir = join(root, "packages/web/dist/assets");
  let raw = 0;
  let gzip = 0;
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".js"))) {
    const bytes = readFileSync(join(dir, name));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const dir = mkdtempSync(join(tmpdir(), "genchi-bench-ui-"));
const home = mkdtempSync(join(tmpdir(), "genchi-bench-chromium-"));
const key = "gk_bench_ui_key_00000000000000000000";
const server = await startServer({ db: join(dir, "genchi.db"), port: 0, initProjectKey: key, quiet: true });
let browser;
try {
  const calls = Number(values.calls);
  const t0 = Date.now();
  await runDemo({ url: server.url, key, seed: 42, calls, nowMs: Date.now(), log: () => {} }, [trafficStep]);
  console.log(
    `loaded ${calls.toLocaleString("en-US")} demo calls in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );

  browser = await chromium.launch({
    executablePath: process.env.GENCHI_CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
    env: { ...process.env, HOME: home },
  });
  const times = [];
  const phaseTimes = {};
  const loads = Number(values.loads);
  for (let i = 0; i < loads + 1; i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/dashboard?range=${values.range}`, { waitUntil: "commit" });
    // performance.now() counts from navigation start; polled every animation frame.
    const drawn = await page.waitForFunction(
      () => {
        const canvases = [...document.querySelectorAll(".chart canvas")];
        return canvases.length >= 5 && document.querySelector('[data-testid="kpi-calls"]')
          ? performance.now()
          : false;
      },
      null,
      { polling: "raf", timeout: 30_000 },
    );
    const ms = await drawn.jsonValue();
    const phases = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0];
      const end = (part) =>
        performance.getEntriesByType("resource").find((r) => r.name.includes(part))?.responseEnd ?? null;
      return {
        domContentLoaded: nav?.domContentLoadedEventEnd ?? null,
        bootstrap: end("/api/v1/bootstrap"),
        timeseries: end("/api/v1/stats/timeseries"),
      };
    });
    if (i > 0) {
      times.push(ms); // the first load warms the server and Chromium itself
      for (const [name, value] of Object.entries(phases)) {
        phaseTimes[name] = [...(phaseTimes[name] ?? []), value ?? Number.NaN];
      }
    }
    await context.close();
  }
  const size = bundleSize();
  const result = {
    loads: times.length,
    calls,
    range: values.range,
    firstLoadMedianMs: Math.round(median(times)),
    firstLoadMinMs: Math.round(Math.min(...times)),
    firstLoadMaxMs: Math.round(Math.max(...times)),
    bundleJsBytes: size.raw,
    bundleJsGzipBytes: size.gzip,
  };
  console.log(
    `first load → charts drawn: median ${result.firstLoadMedianMs} ms (min ${result.firstLoadMinMs}, max ${result.firstLoadMaxMs}, ${times.length} loads)`,
  );
  console.log(
    `  phases (median ms from navigation start): ${Object.entries(phaseTimes)
      .map(([name, xs]) => `${name} ${Math.round(median(xs))}`)
      .join(", ")}`,
  );
  console.log(`JS bundle: ${(size.raw / 1024).toFixed(1)} KB raw, ${(size.gzip / 1024).toFixed(1)} KB gzip`);
  console.log(JSON.stringify(result));
} finally {
  await browser?.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
}
