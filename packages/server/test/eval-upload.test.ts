/**
 * EvalUploader against a real genchi server on loopback: results are stored while the run is
 * still going (full batches at once, the rest within a second), `finish` closes the run and
 * gives its UI URL, and an unreachable or vanished genchi costs exactly one warning.
 */

import { EvalUploader } from "@genchi/eval/cli";
import type { EvalResult, EvalRun } from "@genchi/spec";
import { createTempSqlitePath } from "@genchi/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../src/app/start-server.js";

const key = "gk_test_eval_upload_0123456789ab";
const result = (i: number): EvalResult => ({
  description: `case ${i}`,
  vars: { i },
  provider: "p",
  pass: i % 4 !== 0,
  score: 1,
  output: `out ${i}`,
  error: null,
  testIndex: i,
});

async function until(check: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("EvalUploader", () => {
  let server: RunningServer;
  let tmp: ReturnType<typeof createTempSqlitePath>;
  const getRun = async (id: string) =>
    (await (
      await fetch(`${server.url}/api/v1/evals/runs/${id}`, { headers: { authorization: `Bearer ${key}` } })
    ).json()) as EvalRun;

  beforeAll(async () => {
    tmp = createTempSqlitePath();
    server = await startServer({ db: tmp.path, port: 0, initProjectKey: key, quiet: true });
  });
  afterAll(async () => {
    await server.close();
    tmp.remove();
  });

  it("stores results while the run goes on, then finishes it", async () => {
    const warnings: string[] = [];
    const upload = await EvalUploader.start({
      target: { url: server.url, key },
      run: { description: "streamed", total: 1200 },
      warn: (l) => warnings.push(l),
    });
    const id = upload.run!.id;
    for (let i = 0; i < 1200; i++) upload.add(result(i));
    await until(() => upload.stored === 1000);
    const midway = await getRun(id);
    expect(midway.status).toBe("running");
    expect(midway.stats.passed + midway.stats.failed).toBe(1000);
    // the last 200 go on their own (the uploader flushes a partial batch), before finish is called
    await until(() => upload.stored === 1200);
    expect((await getRun(id)).stats).toEqual({ passed: 900, failed: 300, errors: 0 });
    const url = await upload.finish({ status: "finished" });
    expect(url).toBe(`${server.url}/evals/runs/${id}`);
    expect((await getRun(id)).status).toBe("finished");
    expect(warnings).toEqual([]);
  });

  it("warns once when genchi cannot be reached, and does nothing more", async () => {
    const warnings: string[] = [];
    const upload = await EvalUploader.start({
      target: { url: "http://127.0.0.1:9", key },
      run: { description: "offline" },
      warn: (l) => warnings.push(l),
    });
    for (let i = 0; i < 700; i++) upload.add(result(i));
    expect(await upload.finish({})).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/not stored in genchi \(cannot reach genchi at http:\/\/127\.0\.0\.1:9/);
  });

  it("warns once when genchi goes away in the middle of a run", async () => {
    const other = createTempSqlitePath();
    const short = await startServer({ db: other.path, port: 0, initProjectKey: key, quiet: true });
    const warnings: string[] = [];
    const upload = await EvalUploader.start({
      target: { url: short.url, key },
      run: { description: "cut" },
      warn: (l) => warnings.push(l),
    });
    for (let i = 0; i < 500; i++) upload.add(result(i));
    await until(() => upload.stored === 500);
    await short.close();
    other.remove();
    for (let i = 500; i < 1600; i++) upload.add(result(i));
    expect(await upload.finish({})).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/results stopped being stored in genchi/);
    expect(upload.stored).toBe(500);
  });
});
