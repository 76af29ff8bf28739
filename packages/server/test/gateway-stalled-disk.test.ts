/**
 * A stalled disk must not stall the proxy (issue 23, item 7): the filesystem under genchi's
 * SQLite database is frozen (`fsfreeze` on a loop-mounted ext4, as testers did) while gateway
 * traffic flows. Requests with a known key are answered while it is frozen — even with the key
 * and the pins due for a check — health answers, and the calls are logged once it thaws.
 * Needs root, fsfreeze and a loop device (CI has them); skipped with the reason otherwise.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { type ScriptedUpstream, startScriptedUpstream } from "@genchi/scripted-upstream";
import type { CallsPage } from "@genchi/spec";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type RunningServer, startServer } from "../src/app/start-server.js";

const image = `/tmp/genchi-test-stall-${process.pid}.img`;
const mount = `/mnt/genchi-test-stall-${process.pid}`;
const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: "utf8" });

/** Makes and mounts the loop ext4; null when it can, else why not. */
function mountLoop(): string | null {
  if (process.platform !== "linux" || process.getuid?.() !== 0) return "needs root on Linux";
  if (run("fsfreeze", ["--version"]).status !== 0) return "needs fsfreeze (util-linux)";
  const steps: [string, string[]][] = [
    ["truncate", ["-s", "300M", image]],
    ["mkfs.ext4", ["-q", image]],
    ["mkdir", ["-p", mount]],
    ["mount", ["-o", "loop", image, mount]],
  ];
  for (const [cmd, args] of steps) {
    const r = run(cmd, args);
    if (r.status !== 0) {
      rmSync(image, { force: true });
      return `cannot loop-mount an ext4 image (${cmd}: ${(r.stderr || r.error?.message || "").trim()})`;
    }
  }
  return null;
}

const unfreeze = () => run("fsfreeze", ["-u", mount]);

/**
 * The thaw, from another process: on SIGUSR1, or after `seconds` whatever happens. While one of
 * this process's threads waits on the frozen disk, this process cannot fork (fork takes the
 * memory map's lock, held by that thread's page fault), so `fsfreeze -u` is not run from here.
 */
function startThawer(seconds: number): { thaw: () => Promise<void> } {
  const child = spawn(
    "sh",
    [
      "-c",
      `sleep ${seconds} & s=$!; trap 'kill $s; fsfreeze -u ${mount}; exit 0' USR1; wait $s; fsfreeze -u ${mount}`,
    ],
    { stdio: "ignore" },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    thaw: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGUSR1");
      await exited;
    },
  };
}
const skipReason = mountLoop();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(skipReason !== null)(
  `gateway on a stalled disk${skipReason ? ` (skipped: ${skipReason})` : ""}`,
  () => {
    const key = "gk_test_stalled_disk_0123456789abcdef";
    let upstream: ScriptedUpstream;
    let server: RunningServer;
    let thawer: { thaw: () => Promise<void> } | undefined;
    let other: Database.Database | undefined;

    const post = (route: string) =>
      fetch(`${server.url}/v1/chat/completions`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: "Bearer sk-upstream",
          "x-genchi-key": key,
          "x-genchi-route": route,
        },
        body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] }),
      });
    const countCalls = async (route: string) => {
      const res = await fetch(`${server.url}/api/v1/calls?limit=100&route=${route}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      return ((await res.json()) as CallsPage).data.length;
    };
    const waitForCalls = async (route: string, n: number) => {
      const deadline = Date.now() + 60_000;
      let seen = 0;
      while (Date.now() < deadline) {
        seen = await countCalls(route);
        if (seen >= n) return seen;
        await sleep(100);
      }
      return seen;
    };

    beforeAll(async () => {
      mkdirSync(join(mount, "genchi"), { recursive: true });
      upstream = await startScriptedUpstream();
      server = await startServer({
        db: join(mount, "genchi", "genchi.db"),
        port: 0,
        host: "127.0.0.1",
        initProjectKey: key,
        quiet: true,
        upstreams: { openai: { baseUrl: `${upstream.url}/v1` } },
      });
      // In service: key and pins known, calls being written.
      for (let i = 0; i < 5; i++) expect((await post("warm")).status).toBe(200);
      expect(await waitForCalls("warm", 5)).toBe(5);
    });

    afterAll(async () => {
      await thawer?.thaw();
      unfreeze();
      other?.close();
      vi.useRealTimers();
      await server?.close();
      await upstream?.close();
      run("umount", [mount]);
      rmSync(mount, { recursive: true, force: true });
      rmSync(image, { force: true });
    });

    it("answers gateway requests and health while frozen, and logs the calls after the thaw", async () => {
      // Calls logged, then one more commit from another connection and at once (no turn of the
      // event loop in between) the freeze: the next read must record its WAL read mark in the
      // frozen -shm file, so any read, on whichever thread, now waits for the thaw.
      for (let i = 0; i < 5; i++) expect((await post("warm")).status).toBe(200);
      expect(await waitForCalls("warm", 10)).toBe(10);
      await sleep(300);
      other = new Database(join(mount, "genchi", "genchi.db"));
      other
        .prepare("INSERT INTO projects (name, created_at) VALUES (?, ?)")
        .run("written-before-the-freeze", 0);
      // Whatever happens here, the disk is thawed after 45 s (this process's own timers cannot
      // run while its thread waits on the frozen disk).
      thawer = startThawer(45);
      expect(run("fsfreeze", ["-f", mount]).status).toBe(0);
      const frozenAt = performance.now();
      // Now the key and the pins fall due for a check (30 s and 5 s), while the disk is frozen.
      vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
      vi.setSystemTime(Date.now() + 31_000);
      // Generous: answered in ms when nothing waits on storage; never before the thawer steps in otherwise.
      const deadline = frozenAt + 25_000;

      const answers: { status: number; at: number }[] = [];
      const send = async (path: () => Promise<Response>) => {
        const res = await path();
        await res.arrayBuffer();
        answers.push({ status: res.status, at: performance.now() });
        return res.status;
      };
      // 20 requests, a few at a time, while frozen for a while (at least 3 s).
      for (let i = 0; i < 20 && performance.now() < deadline; i += 4) {
        await Promise.all([1, 2, 3, 4].map(() => send(() => post("frozen"))));
        await sleep(150);
      }
      const health = await send(() => fetch(`${server.url}/api/health`));
      // Ready answers too: 200 if reads still get through, 503 if storage does not answer them.
      const ready = await fetch(`${server.url}/api/ready`);
      const readyAt = performance.now();
      while (performance.now() - frozenAt < 3_000) await sleep(100);
      const thawedAt = performance.now();
      await thawer.thaw();

      const inTime = answers.filter((a) => a.at < Math.min(deadline, thawedAt));
      expect(inTime.length).toBe(21);
      expect(inTime.filter((a) => a.status === 200).length).toBe(21);
      expect(health).toBe(200);
      expect([200, 503]).toContain(ready.status);
      expect(readyAt).toBeLessThan(deadline);

      // After the thaw the queued calls are written.
      expect(await waitForCalls("frozen", 20)).toBe(20);
    }, 120_000);
  },
);
