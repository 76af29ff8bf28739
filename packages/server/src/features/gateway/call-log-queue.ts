/**
 * The gateway's log buffer: calls are queued after their response is sent and written in
 * batches by a background writer through the ingest path. The queue is bounded: when storage
 * is slow or down it fills, and what does not fit is dropped and counted — a request never waits.
 * A call may be queued unbuilt (a function that builds it): the work of turning an exchange into
 * a call then happens once per batch, away from the moments a response is being relayed.
 *
 * Nothing is lost uncounted. A write that fails because storage is unavailable puts back every
 * call of its batch not yet written, whatever its project, and is retried after a back-off. A
 * write that fails because of the data (store/is-data-error.ts) is split in halves until the
 * call at fault is alone; that call is dropped and counted as poisoned, the others are written.
 * Counts are kept per project: for each, calls pushed = written + rejected + poisoned + dropped
 * + queued + writing, at every moment.
 */
import type { CallIn } from "@genchi/spec";
import { isDataError } from "../../platform/store/is-data-error.js";
import { mapInSlices } from "../../platform/util/map-in-slices.js";
import type { SpoolTicket } from "./call-spool.js";

export interface QueuedCall {
  projectId: string;
  /** The call, or how to build it when its batch is written. */
  call: CallIn | (() => CallIn);
  /** Where the crash spool keeps this call (see call-spool.ts); the queue only passes it on. */
  spoolTicket?: SpoolTicket;
}

/** Writes one project's batch; resolves with how many were stored (rejected ones excluded). */
export type WriteBatch = (
  projectId: string,
  calls: CallIn[],
) => Promise<{ stored: number; rejected: number }>;

/** Calls built between two turns of the event loop. */
const buildSlice = 8;

/** A project's log counters (or the process's, summed over projects). */
export interface CallLogStats {
  /** Waiting in the queue. */
  queued: number;
  /** Taken by the write under way. */
  writing: number;
  /** The queue's capacity, shared by every project of this process. */
  capacity: number;
  enqueued: number;
  /** Stored (a call already stored, by id, counts too). */
  written: number;
  /** Refused by ingest's validation, or could not be built from its exchange. */
  rejected: number;
  /** Refused by storage every time, alone: isolated from its batch and dropped. */
  poisoned: number;
  /** Did not fit: the queue was full when it arrived, or when its failed write put it back. */
  dropped: number;
  /** Write attempts that failed (a poisoned call's halving included). */
  failedWrites: number;
  lastError: string | null;
}

type Counts = Omit<CallLogStats, "capacity">;

const zero = (): Counts => ({
  queued: 0,
  writing: 0,
  enqueued: 0,
  written: 0,
  rejected: 0,
  poisoned: 0,
  dropped: 0,
  failedWrites: 0,
  lastError: null,
});

/** Why a write stopped: storage was unavailable; `unwritten` are the calls it did not get to store. */
interface Unavailable {
  error: unknown;
  unwritten: QueuedCall[];
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface CallLogQueueOptions {
  capacity: number;
  batchSize: number;
  /** Longest wait before a partial batch is written. Default 50 ms. */
  lingerMs?: number;
  /** Called (at most every 10 s) when calls are dropped, with the process's total so far. */
  onDrop?: (dropped: number) => void;
  /** Called when a write fails because storage is unavailable (it will be retried). */
  onWriteError?: (error: Error) => void;
  /** Called (at most every 10 s) when a call storage refused alone is dropped, with the process's total so far. */
  onPoison?: (poisoned: number, error: Error) => void;
  /**
   * Called with calls the queue is done with: written, rejected, poisoned, or dropped after they
   * were queued (the crash spool then forgets them). Not called for a push refused when full.
   */
  onSettled?: (items: readonly QueuedCall[]) => void;
}

/** How often, at most, drops and poisoned calls are reported. */
const reportEveryMs = 10_000;

/**
 * @example const q = new CallLogQueue(write, { capacity: 10_000, batchSize: 500 }); q.push({ projectId, call })
 */
export class CallLogQueue {
  private items: QueuedCall[] = [];
  private head = 0;
  private timer: NodeJS.Timeout | null = null;
  /** Whether the pending timer waits out the linger (true) or fires a full batch now (false). */
  private lingering = false;
  private writing: Promise<void> | null = null;
  private stopped = false;
  private retryDelayMs = 0;
  private readonly projects = new Map<string, Counts>();
  /** Process-wide: the newest error of any project, and the totals the log lines report. */
  private lastError: string | null = null;
  private totalDropped = 0;
  private totalPoisoned = 0;
  private lastDropReport = 0;
  private lastPoisonReport = 0;

  constructor(
    private readonly write: WriteBatch,
    private readonly options: CallLogQueueOptions,
  ) {}

  get size(): number {
    return this.items.length - this.head;
  }

  /** Queues a call; returns false (and counts a drop) when the queue is full. Never blocks. */
  push(item: QueuedCall): boolean {
    if (this.size >= this.options.capacity) {
      this.dropped(item.projectId, 1);
      this.reportDrops();
      return false;
    }
    this.items.push(item);
    const c = this.countsOf(item.projectId);
    c.enqueued++;
    c.queued++;
    this.schedule();
    return true;
  }

  /**
   * One project's counters, or (no project) the process's: each count summed over projects,
   * the newest error of any.
   */
  stats(projectId?: string): CallLogStats {
    const capacity = this.options.capacity;
    if (projectId !== undefined) return { ...(this.projects.get(projectId) ?? zero()), capacity };
    const total = zero();
    for (const c of this.projects.values()) {
      total.queued += c.queued;
      total.writing += c.writing;
      total.enqueued += c.enqueued;
      total.written += c.written;
      total.rejected += c.rejected;
      total.poisoned += c.poisoned;
      total.dropped += c.dropped;
      total.failedWrites += c.failedWrites;
    }
    return { ...total, capacity, lastError: this.lastError };
  }

  /** Writes what is queued, waiting at most `timeoutMs`; later pushes are still accepted until `stop`. */
  async flush(timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    // A write under way (the background writer's) is waited for too: its calls are not written yet.
    while ((this.size > 0 || this.writing) && Date.now() < deadline) {
      if (!this.writing) this.writing = this.writeOnce().finally(() => (this.writing = null));
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        this.writing,
        new Promise((r) => (timer = setTimeout(r, Math.max(1, deadline - Date.now())))),
      ]);
      clearTimeout(timer);
      // A failed write is retried after the back-off, not at once: storage that is down is not hammered.
      if (this.retryDelayMs > 0 && this.size > 0) {
        await new Promise((r) =>
          setTimeout(r, Math.max(1, Math.min(this.retryDelayMs, deadline - Date.now()))),
        );
      }
    }
    // What is left (storage still down at the deadline) goes on with the background writer.
    if (this.size > 0) this.schedule();
  }

  /** Flushes (bounded) and stops the writer. */
  async stop(timeoutMs = 5_000): Promise<void> {
    await this.flush(timeoutMs);
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.writing || this.stopped) return;
    const full = this.size >= this.options.batchSize;
    if (this.timer) {
      // A full batch does not wait for the linger of the first call in it.
      if (!full || !this.lingering) return;
      clearTimeout(this.timer);
    }
    const delay = full ? 0 : (this.options.lingerMs ?? 50);
    this.lingering = !full;
    this.timer = setTimeout(() => {
      this.timer = null;
      // One write at a time: a flush writing now schedules what is left when it is done.
      if (this.writing) return;
      this.writing = this.writeOnce().finally(() => {
        this.writing = null;
        if (this.size > 0) this.schedule();
      });
    }, delay + this.retryDelayMs);
    this.timer.unref();
  }

  private countsOf(projectId: string): Counts {
    let c = this.projects.get(projectId);
    if (!c) {
      c = zero();
      this.projects.set(projectId, c);
    }
    return c;
  }

  private setError(projectId: string, message: string): void {
    this.countsOf(projectId).lastError = message;
    this.lastError = message;
  }

  /** Counts `n` dropped calls of a project. */
  private dropped(projectId: string, n: number): void {
    this.countsOf(projectId).dropped += n;
    this.totalDropped += n;
  }

  /** Reports the process's total of dropped calls, at most every 10 s. */
  private reportDrops(): void {
    const now = Date.now();
    if (now - this.lastDropReport > reportEveryMs) {
      this.lastDropReport = now;
      this.options.onDrop?.(this.totalDropped);
    }
  }

  private take(n: number): QueuedCall[] {
    const batch = this.items.slice(this.head, this.head + n);
    this.head += batch.length;
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    for (const item of batch) {
      const c = this.countsOf(item.projectId);
      c.queued--;
      c.writing++;
    }
    return batch;
  }

  /**
   * Puts taken calls back at the front, in order, within capacity; what does not fit is
   * dropped and counted.
   */
  private putBack(items: readonly QueuedCall[]): void {
    const room = Math.max(0, this.options.capacity - this.size);
    const kept = items.slice(0, room);
    this.items.splice(this.head, 0, ...kept);
    for (const item of kept) {
      const c = this.countsOf(item.projectId);
      c.writing--;
      c.queued++;
    }
    const lost = items.slice(room);
    for (const item of lost) {
      this.countsOf(item.projectId).writing--;
      this.dropped(item.projectId, 1);
    }
    if (lost.length > 0) {
      this.options.onSettled?.(lost);
      this.reportDrops();
    }
  }

  /**
   * The batch's calls, in order, building those queued unbuilt a few at a time: requests
   * arriving meanwhile are served between slices instead of waiting for the whole batch.
   * Only unbuilt calls count towards a slice; one that cannot be built is left out (and counted).
   */
  private async built(items: QueuedCall[]): Promise<QueuedCall[]> {
    const unbuilt = items.filter((item) => typeof item.call === "function");
    await mapInSlices(unbuilt, (item) => this.build(item), buildSlice);
    return items.filter((item) => typeof item.call !== "function");
  }

  /** Builds a queued call in place, once (a retried batch does not build it again); a failure counts as rejected. */
  private build(item: QueuedCall): void {
    if (typeof item.call !== "function") return;
    try {
      item.call = item.call();
    } catch (error) {
      const c = this.countsOf(item.projectId);
      c.writing--;
      c.rejected++;
      this.setError(item.projectId, `a call could not be built: ${messageOf(error)}`);
      this.options.onSettled?.([item]);
    }
  }

  private async writeOnce(): Promise<void> {
    const batch = this.take(this.options.batchSize);
    if (batch.length === 0) return;
    const byProject = new Map<string, QueuedCall[]>();
    for (const item of batch) {
      const list = byProject.get(item.projectId);
      if (list) list.push(item);
      else byProject.set(item.projectId, [item]);
    }
    const groups = [...byProject];
    for (const [index, [projectId, items]] of groups.entries()) {
      const failure = await this.writeProject(projectId, await this.built(items));
      if (!failure) continue;
      // Storage is unavailable: this project's unwritten calls and every later project's go back.
      const later = groups.slice(index + 1);
      for (const [other] of later)
        this.setError(other, "not written yet: storage was unavailable for this batch; will retry");
      this.putBack([...failure.unwritten, ...later.flatMap(([, rest]) => rest)]);
      this.options.onWriteError?.(
        failure.error instanceof Error ? failure.error : new Error(messageOf(failure.error)),
      );
      this.retryDelayMs = Math.min(5_000, Math.max(100, this.retryDelayMs * 2));
      // A timer set before this failure would retry at once, without the back-off.
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      return;
    }
    this.retryDelayMs = 0;
  }

  /**
   * Writes one project's built calls. A data error splits them in halves, written in turn, down
   * to the call at fault, which is dropped as poisoned; an unavailable error stops the write and
   * returns what was not stored.
   */
  private async writeProject(projectId: string, items: QueuedCall[]): Promise<Unavailable | null> {
    if (items.length === 0) return null;
    const c = this.countsOf(projectId);
    try {
      const result = await this.write(
        projectId,
        items.map((item) => item.call as CallIn),
      );
      c.writing -= items.length;
      c.written += result.stored;
      c.rejected += result.rejected;
      this.options.onSettled?.(items);
      return null;
    } catch (error) {
      c.failedWrites++;
      if (!isDataError(error)) {
        this.setError(projectId, messageOf(error));
        return { error, unwritten: items };
      }
      if (items.length === 1) {
        this.poisoned(projectId, error);
        this.options.onSettled?.(items);
        return null;
      }
      const half = Math.ceil(items.length / 2);
      const first = await this.writeProject(projectId, items.slice(0, half));
      if (first) return { error: first.error, unwritten: [...first.unwritten, ...items.slice(half)] };
      return this.writeProject(projectId, items.slice(half));
    }
  }

  private poisoned(projectId: string, error: unknown): void {
    const c = this.countsOf(projectId);
    c.writing--;
    c.poisoned++;
    this.totalPoisoned++;
    this.setError(projectId, `a call storage refused was dropped: ${messageOf(error)}`);
    const now = Date.now();
    if (now - this.lastPoisonReport > reportEveryMs) {
      this.lastPoisonReport = now;
      this.options.onPoison?.(
        this.totalPoisoned,
        error instanceof Error ? error : new Error(messageOf(error)),
      );
    }
  }
}
