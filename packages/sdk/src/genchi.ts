/**
 * The genchi client: `log()` and `feedback()` buffer and return at once; batches go to
 * `POST /api/v1/ingest` in the background (by size and by interval), with retries, a bounded
 * buffer that counts what it drops, `flush()`, `shutdown()` and a flush on process exit.
 */
import { type CallIn, type FeedbackIn, GenchiError } from "@genchi/spec";
import type { BufferedItem } from "./buffered-item.js";
import { deliverBatch } from "./deliver-batch.js";
import { registerExitFlush, unregisterExitFlush } from "./exit-flush.js";
import { type GenchiOptions, type ResolvedGenchiOptions, resolveGenchiOptions } from "./genchi-options.js";
import { uuidv7 } from "./uuid-v7.js";

export interface GenchiStats {
  /** Items waiting or being sent. */
  buffered: number;
  /** Items the server stored (or already had). */
  sent: number;
  /** Items never buffered: the buffer was full, or the client was shut down. */
  dropped: number;
  /** Items rejected by the server or given up on after retries. */
  failed: number;
  /** Retried requests. */
  retries: number;
}

/** Feedback as the app gives it: like the wire shape, `id` and `timestamp` filled in if missing. */
export type FeedbackInput = FeedbackIn;

interface Waiter {
  target: number;
  resolve: (done: boolean) => void;
}

const forever = 2 ** 31 - 1;

export class Genchi {
  readonly options: Readonly<ResolvedGenchiOptions>;
  private buffer: BufferedItem[] = [];
  private inFlight = 0;
  /** Items ever buffered / delivered-or-failed: FIFO, so `settled ≥ n` means the first n are done. */
  private accepted = 0;
  private settled = 0;
  private flushTarget = 0;
  private waiters: Waiter[] = [];
  private pumping = false;
  private kicked = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private keepAlive: ReturnType<typeof setInterval> | undefined;
  private closed = false;
  private dropReported = false;
  private exitGaveUpAt = -1;
  private readonly counts = { sent: 0, dropped: 0, failed: 0, retries: 0 };

  /**
   * @example const genchi = new Genchi({ url: "http://127.0.0.1:4242", key: process.env.GENCHI_KEY })
   */
  constructor(options: GenchiOptions = {}) {
    this.options = resolveGenchiOptions(options);
    if (this.options.flushOnExit) registerExitFlush(this);
  }

  /**
   * Buffers a call and returns its id at once (time-ordered, unless the call has one).
   * No validation, copying or serialisation happens here: the call object is read when its
   * batch is sent (within `flushIntervalMs`), so do not change it after logging it. The server
   * reports invalid calls via `onError`.
   *
   * @example const id = genchi.log({ route: "categorize", model: "gpt-4o-mini", input: "…", output: "…" })
   */
  log(call: CallIn): string {
    const id = call.id ?? uuidv7();
    this.enqueue("call", call, id);
    return id;
  }

  /**
   * Buffers feedback on a call (by the id `log()` returned or `callIdOf()` gives) and returns its id.
   *
   * @example genchi.feedback({ callId, kind: "thumbs_down", comment: "wrong category" })
   */
  feedback(feedback: FeedbackInput): string {
    const id = feedback.id ?? uuidv7();
    this.enqueue("feedback", feedback, id);
    return id;
  }

  /** Counters since the client started. @example genchi.stats().dropped // → 0 */
  stats(): GenchiStats {
    return { buffered: this.buffer.length + this.inFlight, ...this.counts };
  }

  /**
   * Resolves when everything buffered before the call has been sent (or has finally failed).
   * While a flush is pending it keeps the process alive.
   *
   * @example await genchi.flush()
   */
  async flush(): Promise<void> {
    await this.settle(undefined);
  }

  /**
   * Stops taking items (later `log()` / `feedback()` calls are dropped and counted), flushes
   * (waiting at most `timeoutMs`, if given), then stops timers and exit hooks.
   *
   * @example process.on("SIGINT", async () => { await genchi.shutdown({ timeoutMs: 3000 }); process.exit(0); })
   */
  async shutdown(options: { timeoutMs?: number } = {}): Promise<void> {
    this.closed = true;
    const done = await this.settle(options.timeoutMs);
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    unregisterExitFlush(this);
    if (!done) {
      const left = this.buffer.length + this.inFlight;
      this.report(
        new GenchiError("GENCHI_UPSTREAM", `shutdown timed out with ${left} item(s) not delivered`),
      );
    }
  }

  /** @internal used by the exit hooks. */
  async flushForExit(): Promise<boolean> {
    if (this.settled >= this.accepted) return true;
    if (this.exitGaveUpAt === this.accepted) return false;
    const done = await this.settle(this.options.exitTimeoutMs);
    if (!done) this.exitGaveUpAt = this.accepted;
    return done;
  }

  private enqueue(type: BufferedItem["type"], body: object, id: string): void {
    if (this.closed || this.buffer.length >= this.options.maxBufferSize) {
      this.drop();
      return;
    }
    this.buffer.push({ type, body: body as Record<string, unknown>, id, at: Date.now() });
    this.accepted++;
    if (this.buffer.length >= this.options.batchSize) this.kick();
    else if (this.timer === undefined) this.arm();
  }

  private drop(): void {
    this.counts.dropped++;
    if (this.dropReported) return;
    this.dropReported = true;
    const error = this.closed
      ? new GenchiError("GENCHI_BAD_REQUEST", "log() or feedback() after shutdown(): the item was dropped")
      : new GenchiError(
          "GENCHI_RATE_LIMITED",
          `genchi buffer full (maxBufferSize ${this.options.maxBufferSize}): dropping items until the server catches up — see stats().dropped`,
        );
    queueMicrotask(() => this.report(error));
  }

  private report(error: GenchiError): void {
    try {
      this.options.onError(error);
    } catch {
      // an onError hook that throws must not break delivery
    }
  }

  /** Sends a full batch soon, off the caller's stack. */
  private kick(): void {
    if (this.kicked) return;
    this.kicked = true;
    queueMicrotask(() => {
      this.kicked = false;
      void this.pump();
    });
  }

  private arm(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flushTarget = Math.max(this.flushTarget, this.accepted);
      void this.pump();
    }, this.options.flushIntervalMs);
    this.timer.unref?.();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      const size = this.options.batchSize;
      while (this.buffer.length > 0 && (this.buffer.length >= size || this.settled < this.flushTarget)) {
        const batch = this.buffer.splice(0, size);
        this.inFlight = batch.length;
        try {
          await deliverBatch(batch, this.options, this.hooks);
        } catch (error) {
          this.hooks.failed(batch.length, new GenchiError("GENCHI_INTERNAL", `genchi SDK: ${String(error)}`));
        }
        this.inFlight = 0;
        this.settled += batch.length;
        if (this.buffer.length < this.options.maxBufferSize) this.dropReported = false;
        this.wake();
      }
    } finally {
      this.pumping = false;
    }
    if (this.buffer.length > 0 && this.timer === undefined) this.arm();
  }

  private readonly hooks = {
    sent: (count: number) => {
      this.counts.sent += count;
    },
    failed: (count: number, error: GenchiError) => {
      this.counts.failed += count;
      this.report(error);
    },
    retried: () => {
      this.counts.retries++;
    },
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        setTimeout(resolve, ms).unref?.();
      }),
  };

  /** Waits until what is buffered now is settled; false if `timeoutMs` passed first. */
  private settle(timeoutMs: number | undefined): Promise<boolean> {
    const target = this.accepted;
    if (this.settled >= target) return Promise.resolve(true);
    this.flushTarget = Math.max(this.flushTarget, target);
    const done = new Promise<boolean>((resolve) => {
      const waiter: Waiter = { target, resolve };
      this.waiters.push(waiter);
      if (timeoutMs !== undefined) {
        setTimeout(() => this.release(waiter, false), timeoutMs).unref?.();
      }
    });
    this.keepAlive ??= setInterval(() => {}, forever);
    void this.pump();
    return done;
  }

  private release(waiter: Waiter, done: boolean): void {
    const at = this.waiters.indexOf(waiter);
    if (at < 0) return;
    this.waiters.splice(at, 1);
    waiter.resolve(done);
    if (this.waiters.length === 0 && this.keepAlive !== undefined) {
      clearInterval(this.keepAlive);
      this.keepAlive = undefined;
    }
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) if (waiter.target <= this.settled) this.release(waiter, true);
  }
}
