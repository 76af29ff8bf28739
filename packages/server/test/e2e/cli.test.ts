/**
 * The `genchi` CLI end to end, as users run it (the compiled bin; `npm test` builds first):
 * serve prints the URL and key and serves health; keys create prints a working key, revoke
 * takes it back; bad usage of every command exits 2 with one error line and its usage line,
 * before any work; a reader that goes away (`| head`) ends no command with a crash.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { createTempSqlitePath } from "@genchi/testkit";
import { afterAll, describe, expect, it } from "vitest";

const bin = join(import.meta.dirname, "../../bin/genchi.js");
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

// Each test starts genchi processes, many of them in some: generous on a busy machine.
describe("genchi CLI", { timeout: 240_000 }, () => {
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

  it("keys revoke takes a key back, by prefix, id or the key itself: the server rejects it", async () => {
    const tmp = createTempSqlitePath();
    const create = async (name: string) =>
      (await genchi(["keys", "create", "--project", "shop", "--name", name, "--db", tmp.path])).stdout.trim();
    const [byPrefix, byId, byKey, kept] = [
      await create("a"),
      await create("b"),
      await create("c"),
      await create("d"),
    ];
    const listed = await genchi(["keys", "list", "--project", "shop", "--db", tmp.path]);
    const idOf = (key: string) =>
      new RegExp(`^(key_\\S+)\\s+${key.slice(0, 7)}…`, "m").exec(listed.stdout)?.[1] as string;
    expect(idOf(byId)).toMatch(/^key_/);

    const revoke = (what: string) => genchi(["keys", "revoke", what, "--project", "shop", "--db", tmp.path]);
    for (const what of [byPrefix.slice(0, 7), idOf(byId), byKey]) {
      const r = await revoke(what);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^revoked key_\S+ \(gk_/);
      expect(r.stderr).toContain("within 30 s");
    }
    const after = await genchi(["keys", "list", "--project", "shop", "--db", tmp.path]);
    expect(after.stdout.trim().split("\n")).toEqual([expect.stringContaining(kept.slice(0, 7))]);

    const again = await revoke(byPrefix.slice(0, 7));
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^genchi: no key 'gk_\w+' in project 'shop'/);
    const otherProject = await genchi([
      "keys",
      "revoke",
      kept.slice(0, 7),
      "--project",
      "nope",
      "--db",
      tmp.path,
    ]);
    expect(otherProject.code).toBe(2);
    expect(otherProject.stderr).toContain("no project 'nope'");

    const { child, output } = await serve(["--db", tmp.path]);
    children.push(child);
    const url = /running at (\S+)/.exec(output)![1];
    const status = async (key: string) =>
      (await fetch(`${url}/api/v1/calls`, { headers: { authorization: `Bearer ${key}` } })).status;
    expect(await Promise.all([byPrefix, byId, byKey, kept].map(status))).toEqual([401, 401, 401, 200]);
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
    expect(bad.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^genchi serve: .*--port/),
      expect.stringMatching(/^Usage: genchi serve /),
    ]);
    const unknown = await genchi(["frobnicate"]);
    expect(unknown.code).toBe(2);
    const badConfig = await genchi(["serve", "--config", "/nonexistent/genchi.yaml"]);
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toContain("/nonexistent/genchi.yaml");
  });
});

describe("genchi CLI usage", { timeout: 120_000 }, () => {
  const tmp = createTempSqlitePath();
  const db = join(tmp.dir, "never.db");
  afterAll(() => tmp.remove());

  // [argv, the command whose usage is shown]
  const badUsage: [string[], string][] = [
    [["--bogus"], "genchi"],
    [["frobnicate"], "genchi"],
    [["serve", "--bogus"], "genchi serve"],
    [["serve", "extra"], "genchi serve"],
    [["serve", "--port", "-1"], "genchi serve"],
    [["serve", "--retention-days", "soon"], "genchi serve"],
    [["keys", "frob"], "genchi keys"],
    [["keys", "create"], "genchi keys create"],
    [["keys", "create", "--project", "p", "--bogus"], "genchi keys create"],
    [["keys", "list"], "genchi keys list"],
    [["keys", "list", "--project", "p", "extra"], "genchi keys list"],
    [["keys", "revoke", "--project", "p"], "genchi keys revoke"],
    [["keys", "revoke", "gk_abcd"], "genchi keys revoke"],
    [["models", "--bogus"], "genchi models"],
    [["models", "extra"], "genchi models"],
    [["shadow", "nope"], "genchi shadow"],
    [["shadow", "report"], "genchi shadow report"],
    [["shadow", "report", "--route", "r", "--bogus"], "genchi shadow report"],
    [["dataset", "refresh", "--route", "r", "--bogus"], "genchi dataset refresh"],
    [["dataset", "refresh", "--route", "r", "--n", "many"], "genchi dataset refresh"],
    [["drift", "--baseline", "a.jsonl", "--current", "b.jsonl", "--bogus"], "genchi drift"],
    [["drift", "--baseline", "a.jsonl", "--current", "b.jsonl", "--sample", "x"], "genchi drift"],
    [["drift", "--current", "b.jsonl"], "genchi drift"],
  ];
  it.each(badUsage)(
    "genchi %j exits 2 with one error line and its usage line, before any work",
    async (args, usage) => {
      const r = await genchi(args, { GENCHI_DATABASE_URL: db });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      const lines = r.stderr.trimEnd().split("\n");
      expect(lines).toEqual([
        expect.stringMatching(`^${usage}: \\S`),
        expect.stringMatching(`^Usage: ${usage} `),
      ]);
      expect(existsSync(db)).toBe(false);
    },
  );

  const commands = [
    "",
    "serve",
    "keys",
    "keys create",
    "keys list",
    "keys revoke",
    "models",
    "shadow",
    "shadow report",
    "dataset",
    "dataset refresh",
    "drift",
    "eval",
    "eval compare",
  ];
  it.each(commands)("genchi %s --help exits 0 and starts with its usage line", async (command) => {
    const args = command === "" ? [] : command.split(" ");
    const r = await genchi([...args, "--help"], { GENCHI_DATABASE_URL: db });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: ${["genchi", ...args].join(" ")} `));
    expect(r.stderr).toBe("");
  });

  it("genchi help COMMAND shows that command's help", async () => {
    const r = await genchi(["help", "keys"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: genchi keys /);
    expect(r.stdout).toContain("revoke");
  });

  it("a command alone that needs a subcommand exits 2 and shows its help", async () => {
    for (const group of ["keys", "shadow", "dataset"]) {
      const r = await genchi([group]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^Usage: genchi ${group} `));
    }
  });

  /** Runs genchi with its stdout closed before it writes (what `genchi … | head -1` does to the rest). */
  function genchiClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    return new Promise((resolve) => child.on("close", (code) => resolve({ code, stderr })));
  }

  it("every command that prints exits quietly when the reader goes away (EPIPE)", async () => {
    const data = createTempSqlitePath();
    const jsonl = join(data.dir, "calls.jsonl");
    writeFileSync(jsonl, `${JSON.stringify({ input: "hi there", output: "hello" })}\n`.repeat(20));
    const runs: string[][] = [
      ["--help"],
      ["serve", "--help"],
      ["keys", "create", "--project", "p", "--db", data.path],
      ["keys", "list", "--project", "p", "--db", data.path],
      ["models", "--project", "p", "--db", data.path],
      ["shadow", "report", "--route", "r", "--project", "p", "--db", data.path],
      ["drift", "--baseline", jsonl, "--current", jsonl, "--no-semantic", "--no-progress"],
    ];
    for (const args of runs) {
      const r = await genchiClosedStdout(args);
      expect({ args, ...r }).toEqual({
        args,
        code: 0,
        stderr:
          args[0] === "keys" && args[1] === "create" ? expect.stringMatching(/^created a secret key/) : "",
      });
    }
    data.remove();
  });
});

describe("genchi CLI start", { timeout: 120_000 }, () => {
  // Records the CommonJS packages a run loaded (the heavy ones are all CommonJS).
  const preload = `import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
process.on("exit", () => {
  const names = Object.keys(require.cache).map((f) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(f)?.[1]);
  process.stderr.write("loaded: " + [...new Set(names.filter(Boolean))].join(" ") + "\\n");
});
`;
  const heavy = /\b(fastify|better-sqlite3|pg|@energetic-ai\/\S+|@tensorflow\/\S+|@opentelemetry\/\S+)\b/g;

  it("help and bad usage load only the command asked for: no server, database driver or embedder", async () => {
    const tmp = createTempSqlitePath();
    const hook = join(tmp.dir, "loaded.mjs");
    writeFileSync(hook, preload);
    for (const args of [
      ["--help"],
      ["serve", "--help"],
      ["keys", "create"],
      ["models", "--bogus"],
      ["dataset", "refresh", "--help"],
      ["shadow", "report", "--help"],
    ]) {
      const r = await new Promise<string>((resolve) => {
        execFile(process.execPath, ["--import", hook, bin, ...args], (_error, _stdout, stderr) =>
          resolve(stderr),
        );
      });
      const loaded = /^loaded: (.*)$/m.exec(r)?.[1];
      expect(loaded).toBeDefined();
      expect({ args, heavy: loaded!.match(heavy) ?? [] }).toEqual({ args, heavy: [] });
    }
    tmp.remove();
  });
});
