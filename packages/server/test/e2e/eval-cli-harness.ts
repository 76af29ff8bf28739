/** Runs the built `genchi` CLI in a folder, as eval's end-to-end tests do. */
import { fileURLToPath } from "node:url";
import { type CliResult, runCli } from "@genchi/testkit";

const bin = fileURLToPath(new URL("../../bin/genchi.js", import.meta.url));

export type CliRun = CliResult;

/**
 * Spawns `genchi ARGS…` with cwd `cwd` and waits for it to exit.
 *
 * @example const r = await runGenchi(work, ["eval", "suite.yaml"]); r.code // → 0
 */
export function runGenchi(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return runCli(process.execPath, [bin, ...args], {
    cwd,
    env: { ...process.env, OPENAI_API_KEY: "sk-test", ...env },
  });
}
