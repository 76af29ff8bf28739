/**
 * The `genchi` CLI end to end, as users run it (the compiled bin; `npm test` builds first):
 * serve prints the URL and key and serves health; keys create prints a working key;
 * bad usage exits 2 with one clear line.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { createTempSqlitePath } from "../../../test/databases.js";

const bin = join(import.meta.dirname, "../bin/genchi.js");
const run = promisify(execFile);

async function genchi(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function serve(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; output: string }> {
  const child = spawn(process.execPath, [bin, "serve", "--port", "0", ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (d: Buffer) => {
      output += d.toString();
      if (output.includes("default project key")) resolve({ child, output });
    });
    child.stderr!.on("data", (d: Buffer) => {
      output += d.toString();
    });
    child.on("exit", (code) => reject(new Error(`genchi serve exited ${code}: ${output}`)));
  });
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGTERM");
});

describe("genchi CLI", () => {
  it("serve prints the URL and the default project's key, and the key reads calls", async () => {
    const tmp = createTempSqlitePath();
    const { child, output } = await serve(["--db", tmp.path]);
    children.push(child);
    const url = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    const key = /default project key: (gk_\w+)/.exec(output)?.[1];
    expect(url).toBeDefined();
    expect(key).toBeDefined();
    expect(await (await fetch(`${url}/api/health`)).json()).toEqual({ status: "ok" });
    const calls = await fetch(`${url}/api/v1/calls`, { headers: { authorization: `Bearer ${key}` } });
    expect(calls.status).toBe(200);
    child.kill("SIGTERM");
    await new Promise((r) => child.on("exit", r));
    // the same key is printed on the next start (kept in the local key file)
    const again = await serve(["--db", tmp.path]);
    children.push(again.child);
    expect(again.output).toContain(key);
    again.child.kill("SIGTERM");
    tmp.remove();
  });

  it("serve takes GENCHI_INIT_PROJECT_KEY and GENCHI_DATABASE_URL", async () => {
    const tmp = createTempSqlitePath();
    const { child, output } = await serve([], {
      GENCHI_INIT_PROJECT_KEY: "gk_from_env_123456",
      GENCHI_DATABASE_URL: tmp.path,
    });
    children.push(child);
    expect(output).toContain("gk_from_env_123456");
    expect(output).toContain(tmp.path);
    child.kill("SIGTERM");
    tmp.remove();
  });

  it("keys create prints a new key that the server accepts for that project", async () => {
    const tmp = createTempSqlitePath();
    const created = await genchi(["keys", "create", "--project", "checkout", "--db", tmp.path]);
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^gk_[A-Za-z0-9]{32}$/);
    const listed = await genchi(["keys", "list", "--project", "checkout", "--db", tmp.path]);
    expect(listed.stdout).toContain(key.slice(0, 7));
    expect(listed.stdout).not.toContain(key);
    const { child, output } = await serve(["--db", tmp.path]);
    children.push(child);
    const url = /running at (\S+)/.exec(output)![1];
    const ingest = await fetch(`${url}/api/v1/ingest`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ calls: [{ id: "cli-1", input: "hi" }] }),
    });
    expect(ingest.status).toBe(207);
    child.kill("SIGTERM");
    tmp.remove();
  });

  it("answers --help and exits 2 with one line on bad usage", async () => {
    const help = await genchi(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("serve");
    expect(help.stdout).toContain("keys");
    const serveHelp = await genchi(["serve", "--help"]);
    expect(serveHelp.stdout).toContain("--upstream");
    const bad = await genchi(["serve", "--port", "nope"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    expect(bad.stderr).toContain("--port");
    const unknown = await genchi(["frobnicate"]);
    expect(unknown.code).toBe(2);
    const badConfig = await genchi(["serve", "--config", "/nonexistent/genchi.yaml"]);
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toContain("/nonexistent/genchi.yaml");
  });
});
