/** The crash spool on a real file system: what it writes, when it lets lines go, what it recovers. */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CallIn } from "@genchi/spec";
import { afterEach, describe, expect, it } from "vitest";
import { CallSpool, parseSegment, type Spoolable } from "./call-spool.js";

const dirs: string[] = [];
const tempRoot = () => {
  const dir = mkdtempSync(join(tmpdir(), "genchi-spool-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const call = (i: number): CallIn => ({ id: `call-${i}`, input: `question ${i}`, output: `answer ${i}` });
/** A file's text, or "" when the spool deleted it between the listing and the read. */
const textOf = (path: string): string => {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw error;
  }
};
/** Every line of every segment under root, as [projectId, call id]. */
const lines = (root: string): string[] =>
  readdirSync(root, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".jsonl"))
    .flatMap((f) => parseSegment(textOf(join(root, f))).map((c) => `${c.projectId}:${c.call.id}`));
const until = async (ok: () => boolean) => {
  const deadline = Date.now() + 30_000; // generous: a busy machine is slow
  while (!ok() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  expect(ok()).toBe(true);
};
/** A pid that is certainly not running: a child that has exited. */
const deadPid = () => spawnSync(process.execPath, ["-e", "0"]).pid!;

describe("CallSpool", () => {
  it("writes appended calls (built lazily) and removes the folder when all are settled", async () => {
    const root = tempRoot();
    const spool = CallSpool.start(root, { commitMs: 1 });
    const items: Spoolable[] = [
      { projectId: "1", call: call(1) },
      { projectId: "2", call: () => call(2) },
    ];
    for (const item of items) spool.append(item);
    await until(() => lines(root).length === 2);
    expect(lines(root)).toEqual(["1:call-1", "2:call-2"]);
    expect(typeof items[1]!.call).toBe("object"); // built once, for the queue too
    expect(spool.stats()).toMatchObject({ spooled: 2, unspooled: 0, failedWrites: 0 });
    for (const item of items) spool.settle(item);
    await spool.close();
    expect(readdirSync(root)).toEqual([]);
  });

  it("keeps unsettled calls on close, skips a call settled before its commit", async () => {
    const root = tempRoot();
    const spool = CallSpool.start(root, { commitMs: 1_000 });
    const early: Spoolable = { projectId: "1", call: call(1) };
    spool.append(early);
    spool.settle(early); // stored before the spool wrote it
    spool.append({ projectId: "1", call: call(2) });
    await spool.close();
    expect(lines(root)).toEqual(["1:call-2"]);
  });

  it("rotates segments by size and deletes each once its calls are settled", async () => {
    const root = tempRoot();
    const spool = CallSpool.start(root, { commitMs: 1, segmentBytes: 200 });
    const items = Array.from({ length: 12 }, (_, i): Spoolable => ({ projectId: "1", call: call(i) }));
    for (const item of items) spool.append(item);
    await until(() => lines(root).length === 12);
    const segments = () =>
      readdirSync(root, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith(".jsonl"));
    expect(segments().length).toBeGreaterThan(2);
    for (const item of items.slice(0, 6)) spool.settle(item);
    // Two lines a segment: the first three segments are settled whole and deleted.
    const rest = items.slice(6).map((item) => `1:${(item.call as CallIn).id}`);
    await until(() => lines(root).join() === rest.join());
    for (const item of items.slice(6)) spool.settle(item);
    await spool.close();
    expect(readdirSync(root)).toEqual([]);
  });

  it("recovers the calls of a dead process (a torn last line skipped), not of a live one", async () => {
    const root = tempRoot();
    const dead = join(root, "dead-owner");
    mkdirSync(dead);
    writeFileSync(join(dead, "owner.json"), JSON.stringify({ pid: deadPid() }));
    writeFileSync(
      join(dead, "segment-1.jsonl"),
      `${JSON.stringify({ p: "1", c: call(1) })}\n${JSON.stringify({ p: "2", c: call(2) })}\n{"p":"1","c":{"id":"to`,
    );
    const live = join(root, "live-owner");
    mkdirSync(live);
    writeFileSync(join(live, "owner.json"), JSON.stringify({ pid: process.ppid }));
    writeFileSync(join(live, "segment-1.jsonl"), `${JSON.stringify({ p: "1", c: call(9) })}\n`);

    const spool = CallSpool.start(root);
    const recovered = spool.recover();
    expect(recovered.map((r) => `${r.projectId}:${r.call.id}`)).toEqual(["1:call-1", "2:call-2"]);
    expect(spool.stats().recovered).toBe(2);
    recovered[0]!.settle();
    expect(readdirSync(dead)).toContain("segment-1.jsonl");
    recovered[1]!.settle();
    recovered[1]!.settle(); // twice is once
    // Both settled: the dead owner's folder goes (in the background); the live owner's stays.
    await until(() => !readdirSync(root).includes("dead-owner"));
    expect(readdirSync(root)).toContain("live-owner");
    expect(readdirSync(join(root, "live-owner")).sort()).toEqual(["owner.json", "segment-1.jsonl"]);
    await spool.close();
    // Empty input: no owners at all.
    expect(CallSpool.start(tempRoot()).recover()).toEqual([]);
  });
});

describe("parseSegment", () => {
  it("reads whole lines and skips torn or foreign ones", () => {
    expect(parseSegment("")).toEqual([]);
    expect(parseSegment('{"p":"1","c":{"input":"x"}}\nnot json\n{"p":1,"c":{}}\n{"p":"2"}\n')).toEqual([
      { projectId: "1", call: { input: "x" } },
    ]);
  });
});
