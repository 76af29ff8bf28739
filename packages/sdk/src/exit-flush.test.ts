/**
 * Flush on exit, in a real child process running the built SDK: a script that just ends
 * (`beforeExit`) and a server killed with SIGTERM both deliver what they logged. Skipped
 * when `dist/` is missing or older than the sources (`npm test` builds first).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type IngestReceiver, startIngestReceiver, until } from "./test-support/ingest-receiver.js";

const srcDir = fileURLToPath(new URL(".", import.meta.url));
const distEntry = fileURLToPath(new URL("../dist/index.js", import.meta.url));
const specEntry = fileURLToPath(new URL("../../spec/dist/index.js", import.meta.url));

function builtAndFresh(): boolean {
  if (!existsSync(distEntry) || !existsSync(specEntry)) return false;
  return readdirSync(srcDir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .every((f) => {
      const built = fileURLToPath(new URL(`../dist/${f.replace(/\.ts$/, ".js")}`, import.meta.url));
      return existsSync(built) && statSync(join(srcDir, f)).mtimeMs <= statSync(built).mtimeMs;
    });
}

const runnable = builtAndFresh();
let receiver: IngestReceiver;
let dir: string;

beforeAll(async () => {
  receiver = await startIngestReceiver();
  dir = mkdtempSync(join(tmpdir(), "genchi-sdk-exit-"));
});
afterAll(async () => {
  await receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

function child(mode: "end" | "sigterm") {
  const script = join(dir, `${mode}.mjs`);
  writeFileSync(
    script,
    `import { Genchi } from ${JSON.stringify(distEntry)};
const genchi = new Genchi({ url: process.env.GENCHI_TEST_URL, key: "gk_child", flushIntervalMs: 60000 });
genchi.log({ id: "exit-${mode}", input: "logged just before the end" });
if (process.argv[2] === "sigterm") { setInterval(() => {}, 1000); console.log("ready"); }
`,
  );
  return spawn(process.execPath, [script, mode], {
    env: { ...process.env, GENCHI_TEST_URL: receiver.url },
    stdio: ["ignore", "pipe", "inherit"],
  });
}

describe.skipIf(!runnable)("flush on exit", () => {
  it("delivers on beforeExit when the script ends", async () => {
    const proc = child("end");
    const code = await new Promise((resolve) => proc.on("exit", (c) => resolve(c)));
    expect(code).toBe(0);
    expect(receiver.calls.has("exit-end")).toBe(true);
  });

  it("delivers on SIGTERM, then still terminates", async () => {
    const proc = child("sigterm");
    await new Promise<void>((resolve) => proc.stdout?.once("data", () => resolve()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      proc.on("exit", (_c, signal) => resolve(signal)),
    );
    proc.kill("SIGTERM");
    expect(await exited).toBe("SIGTERM");
    await until(() => receiver.calls.has("exit-sigterm"));
  });
});
