/** Runs the built `genchi` CLI in a folder, as eval's end-to-end tests do. */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../bin/genchi.js", import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Spawns `genchi ARGS…` with cwd `cwd` and waits for it to exit.
 *
 * @example const r = await runGenchi(work, ["eval", "suite.yaml"]); r.code // → 0
 */
export function runGenchi(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd,
    env: { ...process.env, OPENAI_API_KEY: "sk-test", ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}
