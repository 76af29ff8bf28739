/**
 * Installs promptfoo@0.121.20 into a cache folder OUTSIDE the project (it is ~1.4 GB and no
 * dependency of genchi) and runs it with telemetry and update checks off. Shared by the
 * verdict recorder and bench/eval.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export const promptfooVersion = "0.121.20";
export const promptfooDir =
  process.env.GENCHI_PROMPTFOO_DIR ?? join(homedir(), ".cache", "genchi", `promptfoo-${promptfooVersion}`);

/** Environment for every promptfoo run: no telemetry, no update checks, no sharing. */
export const promptfooEnv = {
  ...process.env,
  PROMPTFOO_DISABLE_TELEMETRY: "1",
  PROMPTFOO_DISABLE_UPDATE: "1",
  PROMPTFOO_DISABLE_SHARING: "1",
  PROMPTFOO_DISABLE_REDTEAM_REMOTE_GENERATION: "1",
  PROMPTFOO_SELF_HOSTED: "1",
  OPENAI_API_KEY: process.env.OPENAI_API_KEY ?? "sk-scripted",
  PROMPTFOO_CONFIG_DIR: join(promptfooDir, "config"),
  NO_COLOR: "1",
};

/** The promptfoo binary, installing it first when missing. */
export function ensurePromptfoo() {
  const bin = join(promptfooDir, "node_modules", ".bin", "promptfoo");
  if (existsSync(bin)) return bin;
  mkdirSync(promptfooDir, { recursive: true });
  process.stderr.write(`installing promptfoo@${promptfooVersion} into ${promptfooDir} (a few minutes)…\n`);
  execFileSync(
    "npm",
    ["install", "--prefix", promptfooDir, "--no-audit", "--no-fund", `promptfoo@${promptfooVersion}`],
    {
      stdio: "inherit",
    },
  );
  return bin;
}

/**
 * Runs `promptfoo eval` on a config (asynchronously: the scripted upstream shares this
 * process); resolves with the exit status, output and wall time.
 */
export function runPromptfoo(bin, config, output, extraArgs = []) {
  const started = performance.now();
  const child = spawn(
    bin,
    [
      "eval",
      "-c",
      config,
      "-o",
      output,
      "--no-cache",
      "--no-write",
      "--no-table",
      "--no-progress-bar",
      ...extraArgs,
    ],
    { env: promptfooEnv },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve) =>
    child.on("close", (status) => resolve({ status, stdout, stderr, wallMs: performance.now() - started })),
  );
}
