/**
 * The gateway's crash spool: every call the log queue accepts is also appended to a local
 * append-only file, so calls answered just before a crash (kill -9, OOM) are not lost with
 * the in-memory queue; the next start replays them (ingest is idempotent on id).
 *
 * Nothing here is on the response path: appends are buffered and written every `commitMs`
 * through Node's thread pool (never a synchronous write, so a stalled disk stalls the spool,
 * not the event loop); a written line survives the process, and `syncMs` later an fdatasync
 * makes it survive a power loss too. A segment file is deleted once every call in it is
 * settled (written to storage, rejected or dropped). Only `start` and `recover`, at server start,
 * touch the disk synchronously.
 *
 * Layout: `DIR/<owner>/owner.json` (`{pid}`) and `DIR/<owner>/segment-<n>.jsonl`, one line per
 * call: `{"p":projectId,"c":call}`. An owner whose process is gone is recovered by the next start.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { type FileHandle, open, readdir, rm, rmdir, unlink } from "node:fs/promises";
import { join } from "node:path";
import type { CallIn } from "@genchi/spec";

export interface SpoolOptions {
  /** How long appends gather before one write. Default 5 ms. */
  commitMs?: number;
  /** How often written lines are fdatasync'd (power-loss safety). Default 1,000 ms. */
  syncMs?: number;
  /** A segment is closed (and a new one opened) past this size, which bounds what a restart replays. Default 1 MiB. */
  segmentBytes?: number;
  /** Most bytes waiting for a write while the disk is slow; past it, calls go unspooled (counted). */
  maxPendingBytes?: number;
  onError?: (error: Error) => void;
}

export interface SpoolStats {
  spooled: number;
  /** Calls the spool could not take (disk slow or failing): they live in memory only. */
  unspooled: number;
  recovered: number;
  writes: number;
  failedWrites: number;
  segments: number;
  lastError: string | null;
}

/** A call recovered from a dead process's spool, and how to say it is settled. */
export interface RecoveredCall {
  projectId: string;
  call: CallIn;
  settle: () => void;
}

interface Segment {
  n: number;
  path: string;
  bytes: number;
  /** Calls appended and not yet settled. */
  open: number;
  closed: boolean;
}

/** Where a spooled call's line is: its segment, or "settled" once it is needed no more. */
export type SpoolTicket = Segment | "settled";

/** What the spool takes: a queued call (built when its commit runs), marked with its ticket. */
export interface Spoolable {
  projectId: string;
  call: CallIn | (() => CallIn);
  spoolTicket?: SpoolTicket;
}

/** Whether a process with this pid is alive (EPERM: alive, not ours). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * @example const spool = CallSpool.start("./.genchi/spool"); const t = spool.append(projectId, call); … spool.settle(t)
 */
export class CallSpool {
  private readonly dir: string;
  private readonly options: Required<Omit<SpoolOptions, "onError">> & {
    onError: ((error: Error) => void) | undefined;
  };
  private segment: Segment;
  private nextSegment = 1;
  private handle: FileHandle | null = null;
  private handleOf: Segment | null = null;
  /** Appended since the last commit. */
  private queued: Spoolable[] = [];
  /** Bytes handed to writes that have not finished. */
  private pendingBytes = 0;
  /** Segments with a write under way (not to be unlinked before it lands). */
  private readonly inFlight = new Set<Segment>();
  private writing: Promise<void> | null = null;
  private commitTimer: NodeJS.Timeout | null = null;
  private syncTimer: NodeJS.Timeout | null = null;
  private dirty = false;
  private closed = false;
  private readonly counts = { spooled: 0, unspooled: 0, recovered: 0, writes: 0, failedWrites: 0 };
  private lastError: string | null = null;

  private constructor(
    private readonly root: string,
    options: SpoolOptions,
  ) {
    this.options = {
      commitMs: options.commitMs ?? 5,
      syncMs: options.syncMs ?? 1_000,
      segmentBytes: options.segmentBytes ?? 1024 * 1024,
      maxPendingBytes: options.maxPendingBytes ?? 64 * 1024 * 1024,
      onError: options.onError,
    };
    this.dir = join(root, `${process.pid}-${Date.now().toString(36)}`);
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(join(this.dir, "owner.json"), `${JSON.stringify({ pid: process.pid })}\n`);
    this.segment = this.newSegment();
  }

  /** Makes this process's spool folder under `root` (created if missing). */
  static start(root: string, options: SpoolOptions = {}): CallSpool {
    return new CallSpool(root, options);
  }

  /**
   * The calls of spool folders whose process is gone, oldest first; each call's `settle` deletes
   * its segment once all of that segment's calls are settled. A torn last line (the crash came
   * mid-write) is skipped.
   */
  recover(): RecoveredCall[] {
    const out: RecoveredCall[] = [];
    let owners: string[];
    try {
      owners = readdirSync(this.root);
    } catch {
      return out;
    }
    for (const owner of owners.sort()) {
      const dir = join(this.root, owner);
      if (dir === this.dir) continue;
      let pid: number | null = null;
      try {
        pid = Number(JSON.parse(readFileSync(join(dir, "owner.json"), "utf8")).pid);
      } catch {
        pid = null; // no owner file: left by a process that died while starting
      }
      if (pid !== null && Number.isInteger(pid) && pid !== process.pid && alive(pid)) continue;
      let files: string[];
      try {
        files = readdirSync(dir).filter((f) => f.endsWith(".jsonl"));
      } catch {
        continue;
      }
      const remaining = { files: files.length };
      // Settled while genchi serves traffic: removed through the thread pool, never blocking.
      const removeDir = () => {
        if (remaining.files > 0) return;
        rm(join(dir, "owner.json"), { force: true })
          .then(() => rmdir(dir))
          .catch(() => {
            // not empty (a stray file): leave it
          });
      };
      if (files.length === 0) removeDir();
      for (const file of files.sort((a, b) => segmentNumber(a) - segmentNumber(b))) {
        const path = join(dir, file);
        const calls = parseSegment(readFileSync(path, "utf8"));
        let open = calls.length;
        const done = () => {
          if (--open > 0) return;
          remaining.files--;
          rm(path, { force: true }).then(removeDir, () => {});
        };
        if (calls.length === 0) {
          open = 1;
          done();
        }
        for (const c of calls) out.push({ ...c, settle: once(done) });
      }
    }
    this.counts.recovered += out.length;
    return out;
  }

  /**
   * Takes a call the log queue accepted; it is built (if still unbuilt) and written at the next
   * commit, a few milliseconds later, in one write with the others. Never blocks.
   */
  append(item: Spoolable): void {
    if (this.closed) return;
    this.queued.push(item);
    this.commitTimer ??= setTimeout(() => {
      this.commitTimer = null;
      this.commitNow();
    }, this.options.commitMs);
  }

  /** The call is stored (or rejected, or dropped): its line is needed no more. */
  settle(item: Spoolable): void {
    const ticket = item.spoolTicket;
    item.spoolTicket = "settled";
    if (!ticket || ticket === "settled") return; // not written yet: the commit skips it
    ticket.open--;
    if (ticket.open > 0) return;
    if (ticket.closed) this.removeSegment(ticket);
    // Everything in the open segment is stored: start a new one, so a restart replays little.
    else if (ticket === this.segment && ticket.bytes >= 64 * 1024) this.rotate();
  }

  stats(): SpoolStats {
    return { ...this.counts, segments: this.nextSegment - 1, lastError: this.lastError };
  }

  /** Writes what is pending and closes the file; the folder stays if calls are still unsettled. */
  async close(): Promise<void> {
    this.commitNow();
    while (this.writing) await this.writing;
    this.closed = true;
    if (this.commitTimer) clearTimeout(this.commitTimer);
    if (this.syncTimer) clearTimeout(this.syncTimer);
    await this.closeHandle();
    this.segment.closed = true;
    if (this.segment.open <= 0) this.removeSegment(this.segment);
    try {
      if ((await readdir(this.dir)).every((f) => f === "owner.json")) {
        await rm(this.dir, { recursive: true, force: true });
      }
    } catch {
      // the folder is gone already (a test's temp folder removed first, say)
    }
  }

  private newSegment(): Segment {
    const n = this.nextSegment++;
    return { n, path: join(this.dir, `segment-${n}.jsonl`), bytes: 0, open: 0, closed: false };
  }

  private rotate(): void {
    this.segment.closed = true;
    const old = this.segment;
    this.segment = this.newSegment();
    if (old.open <= 0) this.removeSegment(old);
  }

  private removeSegment(segment: Segment): void {
    // Its file may still be open for writing; once the handle moves on, the unlink is safe.
    if (this.handleOf === segment || this.inFlight.has(segment)) return;
    // Through the thread pool: a stalled disk must not hold the event loop here either.
    unlink(segment.path).catch(() => {
      // never written (all its calls were settled before a write) or already gone
    });
  }

  /** Builds and serializes what was appended since the last commit and hands it to one write per segment. */
  private commitNow(): void {
    if (this.commitTimer) {
      clearTimeout(this.commitTimer);
      this.commitTimer = null;
    }
    const items = this.queued;
    this.queued = [];
    let lines: string[] = [];
    let bytes = 0;
    let segment = this.segment;
    const flush = () => {
      if (lines.length > 0) this.writeLines(segment, lines.join(""), bytes);
      lines = [];
      bytes = 0;
    };
    for (const item of items) {
      if (item.spoolTicket === "settled") continue;
      let line: string;
      try {
        if (typeof item.call === "function") item.call = item.call();
        line = `${JSON.stringify({ p: item.projectId, c: item.call })}\n`;
      } catch {
        // The queue builds it again and counts it; nothing to spool.
        this.counts.unspooled++;
        continue;
      }
      const size = Buffer.byteLength(line);
      if (this.pendingBytes + bytes + size > this.options.maxPendingBytes) {
        this.counts.unspooled++;
        continue;
      }
      if (this.segment.bytes + size > this.options.segmentBytes && this.segment.bytes > 0) {
        flush();
        this.rotate();
        segment = this.segment;
      }
      lines.push(line);
      bytes += size;
      segment.bytes += size;
      segment.open++;
      item.spoolTicket = segment;
      this.counts.spooled++;
    }
    flush();
  }

  /** Queues one write of `text` to `segment`'s file, after the writes before it. */
  private writeLines(segment: Segment, text: string, bytes: number): void {
    this.pendingBytes += bytes;
    this.inFlight.add(segment);
    const write = (this.writing ?? Promise.resolve()).then(async () => {
      try {
        const handle = await this.handleFor(segment);
        await handle.write(text);
        this.counts.writes++;
        this.dirty = true;
        this.scheduleSync();
      } catch (error) {
        this.counts.failedWrites++;
        this.fail(error);
      } finally {
        this.pendingBytes -= bytes;
        this.inFlight.delete(segment);
        if (segment.closed && segment.open <= 0) {
          await this.closeHandle();
          this.removeSegment(segment);
        }
      }
    });
    this.writing = write;
    void write.finally(() => {
      if (this.writing === write) this.writing = null;
    });
  }

  private async handleFor(segment: Segment): Promise<FileHandle> {
    if (this.handle && this.handleOf === segment) return this.handle;
    await this.closeHandle();
    this.handle = await open(segment.path, "a");
    this.handleOf = segment;
    return this.handle;
  }

  private async closeHandle(): Promise<void> {
    const handle = this.handle;
    const of = this.handleOf;
    this.handle = null;
    this.handleOf = null;
    if (!handle) return;
    try {
      if (this.dirty) await handle.datasync();
      this.dirty = false;
      await handle.close();
    } catch (error) {
      this.fail(error);
    }
    if (of?.closed && of.open <= 0) this.removeSegment(of);
  }

  private scheduleSync(): void {
    if (this.syncTimer || this.closed) return;
    this.syncTimer = setTimeout(() => {
      this.syncTimer = null;
      const handle = this.handle;
      if (!handle || !this.dirty) return;
      this.dirty = false;
      handle.datasync().catch((error: unknown) => this.fail(error));
    }, this.options.syncMs);
    this.syncTimer.unref();
  }

  private fail(error: unknown): void {
    const e = error instanceof Error ? error : new Error(String(error));
    this.lastError = e.message;
    this.options.onError?.(e);
  }
}

function segmentNumber(file: string): number {
  const m = /segment-(\d+)\.jsonl$/.exec(file);
  return m ? Number(m[1]) : 0;
}

/** The calls of a segment's text; a line that does not parse (torn by a crash) is skipped. */
export function parseSegment(text: string): { projectId: string; call: CallIn }[] {
  const out: { projectId: string; call: CallIn }[] = [];
  for (const line of text.split("\n")) {
    if (line.length === 0) continue;
    try {
      const v = JSON.parse(line) as { p?: unknown; c?: unknown };
      if (typeof v.p === "string" && typeof v.c === "object" && v.c !== null) {
        out.push({ projectId: v.p, call: v.c as CallIn });
      }
    } catch {
      // a torn line
    }
  }
  return out;
}

function once(f: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    f();
  };
}
