/**
 * Background jobs on and off, through the real server: with jobs (the default) retention
 * deletes a call older than `--retention-days` a few seconds after start; with `--no-jobs`
 * (`jobs: false` for `startServer`) no job runs and the call stays. Each check waits for the
 * server that runs jobs, started after the one that does not, to delete its call (polled, up
 * to 30 s), then stops the other and looks: no assumption about how fast the machine is.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import type { CallIn } from "@genchi/spec";
import { createTempSqlitePath } from "@genchi/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/app/open-store.js";
import { type RunningServer, startServer } from "../../src/app/start-server.js";
import { completeCall } from "../../src/features/calls/normalize-call.js";

const bin = join(import.meta.dirname, "../../bin/genchi.js");
const key = "gk_jobs_test_123456";
const temps: { remove: () => void }[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGTERM");
  for (const t of temps) t.remove();
});

/** A SQLite file holding project `default` with one call from 2001; returns its path and the call's id. */
async function databaseWithOldCall(): Promise<{ path: string; callId: string }> {
  const tmp = createTempSqlitePath();
  temps.push(tmp);
  const store = await openStore(tmp.path);
  const project = await store.ensureProject("default");
  const call = completeCall({
    route: "old",
    model: "m",
    timestamp: "2001-01-01T00:00:00.000Z",
    input: [{ role: "user", content: "hello from 2001" }],
    output: "hi",
  } as CallIn);
  await store.insertCalls(project.id, [call]);
  await store.close();
  return { path: tmp.path, callId: call.id };
}

async function callStatus(url: string, callId: string): Promise<number> {
  const res = await fetch(`${url}/api/v1/calls/${callId}`, { headers: { authorization: `Bearer ${key}` } });
  await res.arrayBuffer();
  return res.status;
}

async function untilDeleted(url: string, callId: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await callStatus(url, callId)) !== 404) {
    if (Date.now() > deadline) throw new Error(`call ${callId} was not deleted by retention within 30 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stillThere(path: string, callId: string): Promise<boolean> {
  const store = await openStore(path);
  try {
    const project = await store.ensureProject("default");
    return (await store.getCall(project.id, callId)) !== null;
  } finally {
    await store.close();
  }
}

function serve(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [bin, "serve", "--port", "0", ...args], {
    env: { ...process.env, GENCHI_INIT_PROJECT_KEY: key },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (d: Buffer) => {
      output += d.toString();
      const url = /running at (\S+)/.exec(output)?.[1];
      if (url && output.includes("default project key")) resolve({ child, url });
    });
    child.stderr!.on("data", (d: Buffer) => {
      output += d.toString();
    });
    child.on("exit", (code) => reject(new Error(`genchi serve exited ${code}: ${output}`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

describe("background jobs on and off", { timeout: 90_000 }, () => {
  it("startServer: jobs: false runs no job; with jobs, retention deletes the old call", async () => {
    const off = await databaseWithOldCall();
    const on = await databaseWithOldCall();
    const servers: RunningServer[] = [];
    try {
      const quiet = { port: 0, retentionDays: 1, quiet: true, initProjectKey: key };
      const withoutJobs = await startServer({ ...quiet, db: off.path, jobs: false });
      servers.push(withoutJobs);
      const withJobs = await startServer({ ...quiet, db: on.path });
      servers.push(withJobs);
      await untilDeleted(withJobs.url, on.callId);
      expect(await callStatus(withoutJobs.url, off.callId)).toBe(200);
      await withoutJobs.close(); // waits for any job under way
      servers.shift();
      expect(await stillThere(off.path, off.callId)).toBe(true);
    } finally {
      for (const s of servers) await s.close();
    }
  });

  it("genchi serve --no-jobs runs HTTP only; genchi serve runs retention", async () => {
    const off = await databaseWithOldCall();
    const on = await databaseWithOldCall();
    const withoutJobs = await serve(["--db", off.path, "--retention-days", "1", "--no-jobs"]);
    const withJobs = await serve(["--db", on.path, "--retention-days", "1"]);
    await untilDeleted(withJobs.url, on.callId);
    expect(await callStatus(withoutJobs.url, off.callId)).toBe(200);
    for (const { child } of [withoutJobs, withJobs]) {
      child.kill("SIGTERM"); // the server stops its jobs (waiting for a run under way), then exits
      await exited(child);
    }
    expect(await stillThere(off.path, off.callId)).toBe(true);
  });
});
