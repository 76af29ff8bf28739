/**
 * `genchi eval` with `GENCHI_URL` against a real started server: the run and every result are
 * stored as they stream (in several batches), the run's UI URL is printed, `tests:
 * genchi://datasets/NAME` runs a stored dataset, `genchi eval compare` takes stored run ids,
 * and an unreachable genchi costs one warning while the eval still runs.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ScriptedUpstream, startScriptedUpstream } from "@genchi/scripted-upstream";
import type { EvalResultsPage, EvalRun, EvalRunsPage } from "@genchi/spec";
import { createTempSqlitePath } from "@genchi/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../src/app/start-server.js";

const bin = fileURLToPath(new URL("../../bin/genchi.js", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "genchi-eval-store-"));
const key = "gk_test_eval_store_cli_0123456789";
let upstream: ScriptedUpstream;
let server: RunningServer;
let tmp: ReturnType<typeof createTempSqlitePath>;

beforeAll(async () => {
  upstream = await startScriptedUpstream();
  tmp = createTempSqlitePath();
  server = await startServer({ db: tmp.path, port: 0, initProjectKey: key, quiet: true });
});
afterAll(async () => {
  await upstream.close();
  await server.close();
  tmp.remove();
});

function genchi(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { GENCHI_URL: _u, GENCHI_KEY: _k, ...base } = process.env;
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: work,
    env: { ...base, OPENAI_API_KEY: "sk-test", ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  expect(res.status).toBeLessThan(300);
  return (await res.json()) as T;
};

/** Test i passes when the scripted upstream echoes "label i"; tests in `bad` get another var. */
function suite(name: string, n: number, bad: number[], tests?: string): string {
  const path = join(work, name);
  writeFileSync(
    path,
    `description: ${name}
prompts: ["label {{n}}"]
providers:
  - { id: "openai:chat:gpt-4o-mini", config: { apiBaseUrl: "${upstream.url}/v1" } }
evaluateOptions: { maxConcurrency: 16 }
tests: ${
      tests ??
      `\n${Array.from({ length: n }, (_, i) => `  - { description: "case ${i}", vars: { n: "${bad.includes(i) ? `x${i}` : i}" }, assert: [{ type: contains, value: "label ${i}" }] }`).join("\n")}`
    }
`,
  );
  return path;
}

const runIdOf = (stdout: string) => {
  const m = /stored in genchi: (\S+)\/evals\/runs\/(\S+)/.exec(stdout);
  expect(m, stdout).not.toBeNull();
  return { base: m![1]!, id: decodeURIComponent(m![2]!) };
};

describe("genchi eval with GENCHI_URL", () => {
  const env = () => ({ GENCHI_URL: server.url, GENCHI_KEY: key });

  it("stores the run and all its results in batches, and prints the run's URL", async () => {
    const r = await genchi(env(), "eval", suite("big.yaml", 1200, [5, 700]), "--no-cache");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const { base, id } = runIdOf(r.stdout);
    expect(base).toBe(server.url);
    const run = await api<EvalRun>("GET", `/api/v1/evals/runs/${id}`);
    expect(run).toMatchObject({
      status: "finished",
      description: "big.yaml",
      configName: "big.yaml",
      total: 1200,
      stats: { passed: 1198, failed: 2, errors: 0 },
      providers: ["openai:chat:gpt-4o-mini"],
    });
    expect(run.providerTable[0]).toMatchObject({ provider: "openai:chat:gpt-4o-mini", tests: 1200 });
    const failed = await api<EvalResultsPage>("GET", `/api/v1/evals/runs/${id}/results?failedOnly=true`);
    expect(failed.data.map((f) => f.description).sort()).toEqual(["case 5", "case 700"]);
    expect(failed.data[0]?.output).toMatch(/^echo: label x/);
    const last = await api<EvalResultsPage>("GET", `/api/v1/evals/runs/${id}/results?limit=5000`);
    expect(last.data).toHaveLength(1200);
    expect(new Set(last.data.map((d) => d.testIndex)).size).toBe(1200);
  });

  it("runs the tests of a stored dataset (genchi://datasets/NAME)", async () => {
    await api("POST", "/api/v1/datasets", { name: "tickets", route: "categorize" });
    await api("POST", "/api/v1/datasets/tickets/items", {
      items: [
        { vars: { n: "1" }, expected: "contains: label 1" },
        { vars: { n: "2" }, expected: "contains: label 2", metadata: { description: "second ticket" } },
        { vars: { n: "3" }, expected: "contains: label 4" },
        { vars: { n: "4" }, expected: "echo: label 4" },
      ],
    });
    const config = suite("from-dataset.yaml", 0, [], "genchi://datasets/tickets");
    const r = await genchi(env(), "eval", config, "--no-cache", "--output", "ds.json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const { id } = runIdOf(r.stdout);
    const results = await api<EvalResultsPage>("GET", `/api/v1/evals/runs/${id}/results`);
    const byN = Object.fromEntries(results.data.map((d) => [String(d.vars["n"]), d]));
    expect(Object.keys(byN).sort()).toEqual(["1", "2", "3", "4"]);
    expect(byN["1"]?.pass).toBe(true);
    expect(byN["2"]?.description).toBe("second ticket");
    expect(byN["3"]?.pass).toBe(false);
    expect(byN["4"]?.pass).toBe(true);

    const noServer = await genchi({}, "eval", config, "--no-cache");
    expect(noServer.code).toBe(2);
    expect(noServer.stderr).toMatch(/genchi:\/\/datasets\/tickets needs a genchi server — set GENCHI_URL/);
    const missing = suite("missing-dataset.yaml", 0, [], "genchi://datasets/nope");
    const r404 = await genchi(env(), "eval", missing, "--no-cache");
    expect(r404.code).toBe(2);
    expect(r404.stderr).toMatch(/cannot read tests from genchi:\/\/datasets\/nope: .*404.*no dataset 'nope'/);
  });

  it("compares two stored runs by id", async () => {
    const a = runIdOf((await genchi(env(), "eval", suite("cmp-a.yaml", 10, [3, 7]), "--no-cache")).stdout);
    const b = runIdOf((await genchi(env(), "eval", suite("cmp-b.yaml", 10, [1, 5, 7]), "--no-cache")).stdout);
    const r = await genchi(env(), "eval", "compare", a.id, b.id, "--output", "cmp.json");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("2 pass→fail, 1 fail→pass");
    const unknown = await genchi(env(), "eval", "compare", a.id, "0000-not-a-run");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/404.*no eval run '0000-not-a-run'/);
    const offline = await genchi({}, "eval", "compare", a.id, b.id);
    expect(offline.code).toBe(2);
    expect(offline.stderr).toMatch(/no such file .* set GENCHI_URL and GENCHI_KEY/);
  });

  it("takes the server from --url/--key as well (no GENCHI_URL set), for eval and compare", async () => {
    const flags = ["--url", server.url, "--key", key];
    const a = runIdOf(
      (await genchi({}, "eval", suite("flag-a.yaml", 10, [3, 7]), "--no-cache", ...flags)).stdout,
    );
    const b = runIdOf(
      (await genchi({}, "eval", suite("flag-b.yaml", 10, [1, 5, 7]), "--no-cache", ...flags)).stdout,
    );
    expect((await api<EvalRun>("GET", `/api/v1/evals/runs/${a.id}`)).stats).toMatchObject({
      passed: 8,
      failed: 2,
    });
    const r = await genchi({}, "eval", "compare", a.id, b.id, ...flags);
    expect(r.stdout).toContain("2 pass→fail, 1 fail→pass");
    expect(r.code).toBe(1);
    const badUrl = await genchi({}, "eval", suite("flag-c.yaml", 1, []), "--url", "ftp://nowhere");
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toMatch(/^genchi eval: option '--url <url>' argument 'ftp:\/\/nowhere' is invalid/);
  });

  it("stores the earlier results of a resumed run too", async () => {
    const config = suite("resume.yaml", 10, [2]);
    await genchi({}, "eval", config, "--no-cache", "--results", "resume.jsonl");
    const lines = readFileSync(join(work, "resume.jsonl"), "utf8").trim().split("\n");
    writeFileSync(join(work, "resume.jsonl"), `${lines.slice(0, 4).join("\n")}\n`);
    const r = await genchi(env(), "eval", config, "--no-cache", "--results", "resume.jsonl", "--resume");
    const { id } = runIdOf(r.stdout);
    const results = await api<EvalResultsPage>("GET", `/api/v1/evals/runs/${id}/results`);
    expect(results.data.map((d) => d.testIndex).sort((x, y) => x! - y!)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
    expect((await api<EvalRun>("GET", `/api/v1/evals/runs/${id}`)).stats).toEqual({
      passed: 9,
      failed: 1,
      errors: 0,
    });
  });

  it("marks the stored run failed when the eval is interrupted (Ctrl-C)", async () => {
    const slow = await startScriptedUpstream({ delayMs: 150 });
    try {
      const path = join(work, "interrupt.yaml");
      writeFileSync(
        path,
        `description: interrupted
prompts: ["label {{n}}"]
providers:
  - { id: "openai:chat:gpt-4o-mini", config: { apiBaseUrl: "${slow.url}/v1" } }
evaluateOptions: { maxConcurrency: 2 }
tests:
${Array.from({ length: 60 }, (_, i) => `  - { vars: { n: "${i}" }, assert: [{ type: contains, value: "label ${i}" }] }`).join("\n")}
`,
      );
      const { GENCHI_URL: _u, GENCHI_KEY: _k, ...base } = process.env;
      const child = spawn(process.execPath, [bin, "eval", path, "--no-cache"], {
        cwd: work,
        env: { ...base, OPENAI_API_KEY: "sk-test", ...env() },
      });
      const closed = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
      let run: EvalRun | undefined;
      for (let i = 0; i < 100 && !run; i++) {
        await new Promise((r) => setTimeout(r, 100));
        run = (await api<EvalRunsPage>("GET", "/api/v1/evals/runs?configName=interrupt.yaml")).data[0];
      }
      expect(run?.status).toBe("running");
      child.kill("SIGINT");
      expect(await closed).toBe(130);
      const after = await api<EvalRun>("GET", `/api/v1/evals/runs/${run!.id}`);
      expect(after.status).toBe("failed");
      expect(after.finishedAt).not.toBeNull();
    } finally {
      await slow.close();
    }
  });

  it("still runs the eval when genchi is unreachable, with one warning", async () => {
    const r = await genchi(
      { GENCHI_URL: "http://127.0.0.1:9", GENCHI_KEY: key },
      "eval",
      suite("offline.yaml", 5, []),
      "--no-cache",
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("5 passed, 0 failed, 0 errors");
    expect(r.stdout).not.toContain("stored in genchi");
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /warning: the run is not stored in genchi \(cannot reach genchi .*\); the eval goes on/,
    );

    const wrongKey = await genchi(
      { GENCHI_URL: server.url, GENCHI_KEY: "gk_wrong_0000000000" },
      "eval",
      suite("wrong-key.yaml", 3, []),
      "--no-cache",
    );
    expect(wrongKey.code).toBe(0);
    expect(wrongKey.stderr).toMatch(/^genchi: warning: .*401.*unknown project key/);
  });
});
