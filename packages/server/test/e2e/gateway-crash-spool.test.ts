/**
 * kill -9 during gateway traffic, on SQLite and PostgreSQL, through the real `genchi serve`:
 * calls the client had received but genchi had not yet stored (the log queue lingers a minute
 * here, so none are) survive in the crash spool and are stored by the next start, once each.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ScriptedUpstream, startScriptedUpstream } from "@genchi/scripted-upstream";
import type { CallsPage } from "@genchi/spec";
import { storeBackends } from "@genchi/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../../bin/genchi.js", import.meta.url));
const key = "gk_test_crash_spool_key_0123456789";

/** Starts `genchi serve` and resolves with its URL once it is listening. */
function serve(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [bin, "serve", "--port", "0", ...args], {
    env: { ...process.env, GENCHI_INIT_PROJECT_KEY: key },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /running at (http:\/\/\S+)/.exec(output);
      if (m && output.includes("default project key")) resolve({ child, url: m[1]! });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (d: Buffer) => {
      output += d.toString();
    });
    child.on("exit", (code) => reject(new Error(`genchi serve exited ${code}: ${output}`)));
  });
}

/** Lines in every spool segment under `root`. */
function spooledLines(root: string): number {
  if (!existsSync(root)) return 0;
  return readdirSync(root, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".jsonl"))
    .reduce((n, f) => n + readFileSync(join(root, f), "utf8").split("\n").filter(Boolean).length, 0);
}

async function until(ok: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(storeBackends)("gateway crash spool on %s", (name, makeTarget) => {
  let upstream: ScriptedUpstream;
  let cleanup: () => Promise<void>;
  let db: string;
  let folder: string;
  let spoolDir: string;
  const children: ChildProcess[] = [];

  const config = (lingerMs: number) => {
    const file = join(folder, `genchi-${lingerMs}.yaml`);
    writeFileSync(
      file,
      [
        "upstreams:",
        `  openai: { baseUrl: "${upstream.url}/v1" }`,
        "gateway:",
        `  logLingerMs: ${lingerMs}`,
        "  logBatchSize: 10000",
        // PostgreSQL's default spool folder is under the working directory: keep tests out of it.
        ...(name === "postgres" ? [`  spoolDir: "${spoolDir}"`] : []),
        "",
      ].join("\n"),
    );
    return file;
  };

  beforeAll(async () => {
    upstream = await startScriptedUpstream();
    const target = await makeTarget();
    cleanup = target.cleanup;
    folder = mkdtempSync(join(tmpdir(), "genchi-crash-"));
    db = name === "sqlite" ? join(folder, "genchi.db") : target.url;
    // On SQLite the default: `spool/` beside the database file.
    spoolDir = join(folder, "spool");
  });

  afterAll(async () => {
    for (const child of children) child.kill("SIGKILL");
    await upstream.close();
    await cleanup();
    rmSync(folder, { recursive: true, force: true });
  });

  it("stores after a restart every call answered before kill -9, once", async () => {
    const first = await serve(["--db", db, "--config", config(600_000)]);
    children.push(first.child);
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      const res = await fetch(`${first.url}/v1/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-genchi-key": key, "x-genchi-route": "crash" },
        body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: `call ${i}` }] }),
      });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      ids.push(res.headers.get("x-genchi-call-id")!);
    }
    // The queue lingers: nothing is stored yet, but each answered call is on disk within a moment.
    await until(() => spooledLines(spoolDir) === 25, "25 spooled calls");
    const calls = async (url: string) => {
      const res = await fetch(`${url}/api/v1/calls?route=crash&limit=100`, {
        headers: { authorization: `Bearer ${key}` },
      });
      return ((await res.json()) as CallsPage).data;
    };
    expect(await calls(first.url)).toHaveLength(0);
    first.child.kill("SIGKILL");
    await new Promise((r) => first.child.once("exit", r));

    const second = await serve(["--db", db, "--config", config(20)]);
    children.push(second.child);
    await until(async () => (await calls(second.url)).length >= 25, "25 stored calls");
    const stored = await calls(second.url);
    expect(stored.map((c) => c.id).sort()).toEqual([...ids].sort());
    expect(stored.every((c) => c.source === "gateway" && c.route === "crash")).toBe(true);
    // The dead process's spool is deleted once its calls are stored.
    await until(() => spooledLines(spoolDir) === 0, "the old spool to go");
    second.child.kill("SIGTERM");
    await new Promise((r) => second.child.once("exit", r));
  }, 120_000); // two genchi processes started: generous on a busy machine
});
