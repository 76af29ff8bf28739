/**
 * `genchi models` and `genchi keys` and where they read: `models` asks a running genchi with
 * `--url`/`--key` (or `GENCHI_URL`/`GENCHI_KEY`) and reads the database with `--db`, as before;
 * `keys` always works on the database (a server has no route for keys), says so when given
 * `--url`, and notes it when `GENCHI_URL` is set but no database was named. Through the real
 * CLI (`node bin/genchi.js`) against a real started server; bad usage exits 2 with one line and
 * the usage line, before any work.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ModelSeen } from "@genchi/spec";
import { createTempSqlitePath } from "@genchi/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../src/app/start-server.js";

const bin = join(import.meta.dirname, "../../bin/genchi.js");
const key = "gk_test_keys_models_cli_0123456789";
let server: RunningServer;
let served: ReturnType<typeof createTempSqlitePath>;
/** The folder each run starts in: where the default database (./.genchi/genchi.db) would go. */
let work: string;

beforeAll(async () => {
  served = createTempSqlitePath();
  server = await startServer({
    db: served.path,
    port: 0,
    host: "127.0.0.1",
    initProjectKey: key,
    quiet: true,
  });
  const api = (method: string, path: string, body: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const ingest = await api("POST", "/api/v1/ingest", {
    calls: [1, 2, 3].map((i) => ({
      id: `cli-${i}`,
      input: "hi",
      route: "tickets",
      source: "gateway",
      provider: "openai",
      requestedModel: "gpt-4o",
      model: "gpt-4o-2024-08-06",
    })),
  });
  expect(ingest.status).toBe(207);
  expect(
    (await api("PUT", "/api/v1/models/pins", { alias: "gpt-4o", pinned: "gpt-4o-2024-08-06" })).status,
  ).toBe(200);
});
afterAll(async () => {
  await server?.close();
  served?.remove();
});

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "genchi-keys-models-cli-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the CLI in `work` with none of the caller's GENCHI_* variables, plus `env`. */
function genchi(args: string[], env: Record<string, string> = {}) {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("GENCHI_")));
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: work, env: { ...base, ...env } },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const serverModels = async () =>
  (
    (await (
      await fetch(`${server.url}/api/v1/models`, { headers: { authorization: `Bearer ${key}` } })
    ).json()) as {
      data: ModelSeen[];
    }
  ).data;

describe("genchi models against a running genchi", () => {
  it("--url and --key: the server's models of the key's project, printed and in --output", async () => {
    const output = join(work, "models.json");
    const r = await genchi(["models", "--url", server.url, "--key", key, "--output", output]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toContain("gpt-4o  floating  (openai)  pinned to gpt-4o-2024-08-06");
    expect(r.stdout).toContain("routes tickets 3");
    expect(r.stdout).toMatch(/served gpt-4o-2024-08-06 {2}3 calls/);
    const written = JSON.parse(readFileSync(output, "utf8")) as { data: ModelSeen[] };
    expect(written).toEqual({ data: await serverModels() });
    expect(written.data).toHaveLength(1);
    expect(existsSync(join(work, ".genchi"))).toBe(false);
  });

  it("GENCHI_URL and GENCHI_KEY do the same, a trailing slash included, over GENCHI_DATABASE_URL", async () => {
    const r = await genchi(["models"], {
      GENCHI_URL: `${server.url}/`,
      GENCHI_KEY: key,
      GENCHI_DATABASE_URL: join(work, "x.db"),
    });
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toContain("gpt-4o  floating  (openai)  pinned to gpt-4o-2024-08-06");
    expect(existsSync(join(work, ".genchi"))).toBe(false);
    expect(existsSync(join(work, "x.db"))).toBe(false);
  });

  it("--db on the command line reads that database even with GENCHI_URL set", async () => {
    const r = await genchi(["models", "--db", served.path], {
      GENCHI_URL: "http://127.0.0.1:9",
      GENCHI_KEY: key,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("gpt-4o  floating  (openai)  pinned to gpt-4o-2024-08-06");
  });

  it("a wrong key or an unreachable server: one line saying so, exit 2", async () => {
    const wrong = await genchi(["models", "--url", server.url, "--key", "gk_wrong_0000000000000000"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stdout).toBe("");
    expect(wrong.stderr).toMatch(/^genchi: genchi at http:\/\/127\.0\.0\.1:\d+ answered 401: /);
    expect(wrong.stderr.trimEnd().split("\n")).toHaveLength(1);
    const gone = await genchi(["models", "--url", "http://127.0.0.1:9", "--key", key]);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(/^genchi: cannot reach genchi at http:\/\/127\.0\.0\.1:9 /);
  });
});

describe("genchi keys and the database", () => {
  it("keys create, list and revoke keep working on --db, GENCHI_URL set or not", async () => {
    const tmp = createTempSqlitePath();
    const env = { GENCHI_URL: server.url, GENCHI_KEY: key };
    const created = await genchi(
      ["keys", "create", "--project", "shop", "--name", "ci", "--db", tmp.path],
      env,
    );
    expect(created.code).toBe(0);
    expect(created.stderr).toBe("created a secret key for project 'shop'; it is shown only now\n");
    const newKey = created.stdout.trim();
    const listed = await genchi(["keys", "list", "--project", "shop", "--db", tmp.path], env);
    expect(listed).toMatchObject({ code: 0, stderr: "" });
    expect(listed.stdout).toContain(`${newKey.slice(0, 7)}…  secret`);
    const revoked = await genchi(
      ["keys", "revoke", newKey.slice(0, 7), "--project", "shop", "--db", tmp.path],
      env,
    );
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(/^revoked key_\S+ \(gk_/);
    tmp.remove();
  });

  it("with GENCHI_URL set and no database named, keys work on the default database and say so", async () => {
    const dir = mkdtempSync(join(tmpdir(), "genchi-keys-default-"));
    const r = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("GENCHI_")));
      execFile(
        process.execPath,
        [bin, "keys", "create", "--project", "p"],
        { cwd: dir, env: { ...base, GENCHI_URL: server.url } },
        (error, stdout, stderr) => resolve({ code: error ? 1 : 0, stdout, stderr }),
      );
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^gk_/);
    expect(r.stderr).toMatch(
      /^genchi keys create: note: keys are kept in the database, here \.\/\.genchi\/genchi\.db \(--db\); GENCHI_URL is not used/,
    );
    expect(existsSync(join(dir, ".genchi", "genchi.db"))).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("genchi models and keys usage", () => {
  const config = () => {
    const file = join(work, "genchi.yaml");
    writeFileSync(file, "models: {}\n");
    return file;
  };
  // [argv, extra env, the command whose usage is shown, what the error line says]
  const badUsage: [string[], Record<string, string>, string, RegExp][] = [
    [
      ["models", "--url", "http://127.0.0.1:9", "--key", key, "--db", "x.db"],
      {},
      "genchi models",
      /--url and --db/,
    ],
    [["models", "--url", "http://127.0.0.1:9"], {}, "genchi models", /--key/],
    [["models", "--key", key], {}, "genchi models", /--url/],
    [
      ["models", "--url", "http://127.0.0.1:9", "--key", key, "--project", "p"],
      {},
      "genchi models",
      /--project/,
    ],
    [
      ["models", "--project", "p"],
      { GENCHI_URL: "http://127.0.0.1:9", GENCHI_KEY: key },
      "genchi models",
      /--project/,
    ],
    [
      ["models", "--url", "http://127.0.0.1:9", "--key", key, "--config", "CONFIG"],
      {},
      "genchi models",
      /--config/,
    ],
    [["models", "--url", "ftp://example.com", "--key", key], {}, "genchi models", /--url/],
    [["models", "--url", "not a url", "--key", key], {}, "genchi models", /--url/],
    [
      ["keys", "list", "--project", "p", "--url", "http://127.0.0.1:9", "--key", key],
      {},
      "genchi keys list",
      /database/,
    ],
    [
      ["keys", "create", "--project", "p", "--url", "http://127.0.0.1:9"],
      {},
      "genchi keys create",
      /database/,
    ],
    [["keys", "revoke", "gk_abcd", "--project", "p", "--key", key], {}, "genchi keys revoke", /database/],
  ];
  it.each(badUsage)(
    "genchi %j (env %j) exits 2 with one error line and its usage line, before any work",
    async (args, env, usage, says) => {
      const r = await genchi(
        args.map((a) => (a === "CONFIG" ? config() : a)),
        env,
      );
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      const lines = r.stderr.trimEnd().split("\n");
      expect(lines).toEqual([
        expect.stringMatching(`^${usage}: \\S`),
        expect.stringMatching(`^Usage: ${usage} `),
      ]);
      expect(lines[0]).toMatch(says);
      expect(existsSync(join(work, ".genchi"))).toBe(false);
      expect(existsSync(join(work, "x.db"))).toBe(false);
    },
  );

  it("--help of models and of each keys command names --url/--key or the database", async () => {
    const models = await genchi(["models", "--help"]);
    expect(models.code).toBe(0);
    expect(models.stdout).toMatch(/--url <url>.*GENCHI_URL/s);
    expect(models.stdout).toMatch(/--key <key>.*GENCHI_KEY/s);
    for (const sub of ["create", "list", "revoke"]) {
      const r = await genchi(["keys", sub, "--help"]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("--db <path|url>");
      expect(r.stdout).not.toContain("--url");
    }
  });
});
