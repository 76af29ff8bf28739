/**
 * Install only what you need, the way a user does: `npm pack` the packages and install the
 * tarballs into fresh folders outside the repo (from npm's cache, so no download is needed
 * when the repo's own install has run).
 * - an app: @genchi/spec + @genchi/core + @genchi/sdk (core without its optional peers), logging
 *   a call to a real genchi server;
 * - a CI job: @genchi/spec + @genchi/core + @genchi/sdk + @genchi/eval, running `genchi-eval` on a suite —
 *   with no native module, no server package and none of core's optional peers installed.
 * Prints how long each install took (a measurement, not an assertion).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ScriptedUpstream, startScriptedUpstream } from "@genchi/scripted-upstream";
import { createTempSqlitePath, envWithoutNpm, runCli } from "@genchi/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../src/app/start-server.js";

const repo = fileURLToPath(new URL("../../../..", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "genchi-packed-"));
const npm = (args: string[], cwd: string) => runCli("npm", args, { cwd, env: envWithoutNpm() });
const tarball = (name: string) => join(work, "tgz", `genchi-${name}-0.1.0.tgz`);

/** A fresh project folder with the given tarballs installed; returns the install's wall time in s. */
async function installInto(folder: string, packages: string[]): Promise<number> {
  const dir = join(work, folder);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify({ name: folder, private: true, type: "module" })}\n`,
  );
  const started = performance.now();
  const r = await npm(
    ["install", "--prefer-offline", "--no-audit", "--no-fund", ...packages.map(tarball)],
    dir,
  );
  const seconds = (performance.now() - started) / 1000;
  expect(r.stderr.replace(/npm warn .*\n/gi, "")).toBe("");
  expect(r.code).toBe(0);
  return seconds;
}

/** Every file path under dir (relative), for "is there a native module here" checks. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" });
}

beforeAll(async () => {
  mkdirSync(join(work, "tgz"));
  const r = await npm(
    [
      "pack",
      "--silent",
      "--pack-destination",
      join(work, "tgz"),
      ...["spec", "core", "eval", "sdk"].flatMap((p) => ["-w", `@genchi/${p}`]),
    ],
    repo,
  );
  expect(r.code, r.stderr).toBe(0);
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("installing the packed packages into a fresh folder", () => {
  let upstream: ScriptedUpstream;
  beforeAll(async () => {
    upstream = await startScriptedUpstream();
  });
  afterAll(async () => upstream.close());

  it("a CI job installs spec + core + sdk + eval alone and runs genchi-eval", async () => {
    // eval talks to a genchi server through the SDK's typed client
    const seconds = await installInto("ci-job", ["spec", "core", "sdk", "eval"]);
    console.log(`packed-install: spec + core + sdk + eval installed in ${seconds.toFixed(1)} s`);
    const modules = join(work, "ci-job", "node_modules");
    const files = filesUnder(modules);
    expect(files.filter((f) => f.endsWith(".node") || f.endsWith("binding.gyp"))).toEqual([]);
    for (const heavy of ["better-sqlite3", "pg", "fastify", "@energetic-ai", "gpt-tokenizer", "@stdlib"])
      expect(existsSync(join(modules, heavy)), heavy).toBe(false);

    writeFileSync(
      join(work, "ci-job", "suite.yaml"),
      `prompts: ["label {{n}}"]
providers: [{ id: "openai:chat:gpt-4o-mini", config: { apiBaseUrl: "${upstream.url}/v1" } }]
tests:
  - { vars: { n: "1" }, assert: [{ type: contains, value: "label 1" }] }
  - { vars: { n: "x" }, assert: [{ type: contains, value: "label 2" }] }
`,
    );
    const bin = join(modules, ".bin", "genchi-eval");
    const r = await runCli(bin, ["suite.yaml", "--no-progress", "--fail-under", "50%"], {
      cwd: join(work, "ci-job"),
      env: envWithoutNpm({ OPENAI_API_KEY: "sk-test" }),
    });
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("1 passed, 1 failed, 0 errors (pass rate 50.0%)");
    expect(r.code).toBe(0);
  }, 300_000);

  it("an app installs spec + core + sdk alone and logs a call to genchi", async () => {
    // the SDK reads wire formats with @genchi/core/dialects: core comes, none of its optional peers do
    const seconds = await installInto("app", ["spec", "core", "sdk"]);
    console.log(`packed-install: spec + core + sdk installed in ${seconds.toFixed(1)} s`);
    const modules = join(work, "app", "node_modules");
    for (const heavy of [
      "gpt-tokenizer",
      "@stdlib",
      "ml-kmeans",
      "ml-matrix",
      "franc-min",
      "an-array-of-english-words",
    ])
      expect(existsSync(join(modules, heavy)), heavy).toBe(false);
    const key = "gk_test_packed_install_0123456789";
    const db = createTempSqlitePath();
    let server: RunningServer | undefined;
    try {
      server = await startServer({ db: db.path, port: 0, initProjectKey: key, quiet: true });
      writeFileSync(
        join(work, "app", "app.js"),
        `import { Genchi, generateObject, wrapAnthropic, wrapOpenAI } from "@genchi/sdk";
for (const f of [generateObject, wrapAnthropic, wrapOpenAI]) if (typeof f !== "function") throw new Error("missing export");
const genchi = new Genchi({ url: process.env.GENCHI_URL, key: process.env.GENCHI_KEY, flushOnExit: false });
const id = genchi.log({ route: "packed", model: "gpt-4o-mini", input: "hello from a packed sdk", output: "hi" });
await genchi.shutdown();
console.log(id);
`,
      );
      const r = await runCli(process.execPath, ["app.js"], {
        cwd: join(work, "app"),
        env: envWithoutNpm({ GENCHI_URL: server.url, GENCHI_KEY: key }),
      });
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const id = r.stdout.trim();
      const res = await fetch(`${server.url}/api/v1/calls/${id}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ id, route: "packed", input: "hello from a packed sdk" });
    } finally {
      await server?.close();
      db.remove();
    }
  }, 300_000);
});
