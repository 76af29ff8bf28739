/**
 * Headless Chromium for browser tests and benchmarks: Debian's /usr/bin/chromium driven by
 * playwright-core (never a downloaded browser), with HOME in a throwaway folder.
 *
 * @example const browser = await launchBrowser(); const page = await browser.newPage(); … await browser.close()
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";

export const chromiumPath = process.env.GENCHI_CHROMIUM ?? "/usr/bin/chromium";

export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Launches Chromium; closing the returned browser also removes its temp HOME. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `no Chromium at ${chromiumPath}: install Debian's (apt-get install -y chromium) or set GENCHI_CHROMIUM`,
    );
  }
  const home = mkdtempSync(join(tmpdir(), "genchi-chromium-"));
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: chromiumArgs,
    env: {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: join(home, ".config"),
      XDG_CACHE_HOME: join(home, ".cache"),
    },
  });
  browser.on("disconnected", () => rmSync(home, { recursive: true, force: true }));
  return browser;
}
