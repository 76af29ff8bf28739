/**
 * Runs a command-line program to its end and collects what it printed: the one way tests
 * spawn genchi's binaries (`genchi`, `genchi-eval`) and npm.
 */
import { spawn } from "node:child_process";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunCliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Text written to the program's stdin (then closed). */
  input?: string;
}

/**
 * Runs `command args…`; `node` scripts run with this process's Node.
 *
 * @example const r = await runCli(process.execPath, [bin, "eval", "suite.yaml"], { cwd: work })
 */
export function runCli(command: string, args: string[], options: RunCliOptions = {}): Promise<CliResult> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  child.stdin.end(options.input ?? "");
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** This process's environment without npm's `npm_*` variables (so a nested npm is not steered by ours). */
export function envWithoutNpm(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  return { ...env, ...extra };
}
