/**
 * The gateway's log buffer: calls are queued after their response is sent and written in
 * batches by a background writer through the ingest path. The queue is bounded: when storage
 * is slow or down it fills, and what does not fit is dropped and counted — a request never waits.
 * A call may be queued unbuilt (a function that builds it): the work of turning an exchange into
 * a call then happens once per batch, away from the moments a response is being relayed.
 */
import type { CallIn } from "@genchi/spec";
import { mapInSlices } from "../util/map-in-slices.js";

export interface QueuedCall {
  projectId: string;
  /** The call, or how to build it when its batch is written. */
  call: CallIn | (() => CallIn);
}

/** Writes one project's batch; resolves with how many were stored (rejected ones excluded). */
export type WriteBatch = (
  projectId: string,
  calls: CallIn[],
) => Promise<{ stored: number; rejected: number }>;

/** Calls built between two turns of the event loop. */
const buildSlice = 8;

export interface CallLogStats {
  queued: number;
  capacity: number;
  enqueued: number;
  written: number;
  rejected: number;
  dropped: number;
  failedWrites: number;
  lastError: string | null;
}

export interface CallLogQueueOptions {
  capacity: number;
  batchSize: number;
  /** Longest wait before a partial batch is written. Default 50 ms. */
  lingerMs?: number;
  /** Called (at most every 10 s) when calls are dropped. */
  onDrop?: (dropped: number) => void;
  onWriteError?: (error: Error) => void;
}

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
  private lastDropReport = 0;
  private readonly counts = { enqueued: 0, written: 0, rejected: 0, dropped: 0, failedWrites: 0 };
  private lastError: string | null = null;

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
      this.counts.dropped++;
      const now = Date.now();
      if (now - this.lastDropReport > 10_000) {
        this.lastDropReport = now;
        this.options.onDrop?.(this.counts.dropped);
      }
      return false;
    }
    this.items.push(item);
    this.counts.enqueued++;
    this.schedule();
    return true;
  }

  stats(): CallLogStats {
    return { queued: this.size, capacity: this.options.capacity, ...this.counts, lastError: this.lastError };
  }

  /** Writes what is queued, waiting at most `timeoutMs`; later pushes are still accepted until `stop`. */
  async flush(timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.size > 0 && Date.now() < deadline) {
      if (!this.writing) this.writing = this.writeOnce().finally(() => (this.writing = null));
      await Promise.race([
        this.writing,
        new Promise((r) => setTimeout(r, Math.max(1, deadline - Date.now()))),
      ]);
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

  private take(n: number): QueuedCall[] {
    const batch = this.items.slice(this.head, this.head + n);
    this.head += batch.length;
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return batch;
  }

  /**
   * The batch's calls, in order, building those queued unbuilt a few at a time: requests
   * arriving meanwhile are served between slices instead of waiting for the whole batch.
   * Only unbuilt calls count towards a slice; one that cannot be built is left out.
   */
  private async built(items: QueuedCall[]): Promise<CallIn[]> {
    const unbuilt = items.filter((item) => typeof item.call === "function");
    await mapInSlices(unbuilt, (item) => this.build(item), buildSlice);
    return items.flatMap((item) => (typeof item.call === "function" ? [] : [item.call]));
  }

  /** Builds a queued call in place, once (a retried batch does not build it again); a failure counts as rejected. */
  private build(item: QueuedCall): void {
    if (typeof item.call !== "function") return;
    try {
      item.call = item.call();
    } catch (error) {
      this.counts.rejected++;
      this.lastError = `a call could not be built: ${error instanceof Error ? error.message : String(error)}`;
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
    for (const [projectId, items] of byProject) {
      const calls = await this.built(items);
      try {
        const result = calls.length > 0 ? await this.write(projectId, calls) : { stored: 0, rejected: 0 };
        this.counts.written += result.stored;
        this.counts.rejected += result.rejected;
        this.retryDelayMs = 0;
      } catch (error) {
        this.counts.failedWrites++;
        this.lastError = error instanceof Error ? error.message : String(error);
        this.options.onWriteError?.(error instanceof Error ? error : new Error(String(error)));
        // Put them back at the front, within capacity; what does not fit is dropped and counted.
        const room = Math.max(0, this.options.capacity - this.size);
        const kept = items.slice(0, room);
        this.counts.dropped += items.length - kept.length;
        this.items.splice(this.head, 0, ...kept);
        this.retryDelayMs = Math.min(5_000, Math.max(100, this.retryDelayMs * 2));
        return;
      }
    }
  }
}
