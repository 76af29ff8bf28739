/**
 * The store's side of one SQLite worker thread: starts it on first use, matches replies to
 * promises, gives up on a request after its deadline (the worker may still be stuck on it: a
 * stalled disk, a lock), and fails pending requests clearly if the worker dies (a new worker
 * is started for the next request).
 */
import { Worker } from "node:worker_threads";
import { GenchiError } from "@genchi/spec";
import type { WorkerRequest, WorkerResponse } from "./sqlite-worker-protocol.js";

interface Pending {
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout | null;
  /** Given up on: rejected at its deadline, still unanswered by the worker. */
  late: boolean;
}

/** Distributed code runs from dist/; tests run src/ through vitest, so they use the built worker. */
function workerUrl(file: string): URL {
  const here = new URL(`./${file}`, import.meta.url);
  if (!import.meta.url.endsWith(".ts")) return here;
  return new URL(here.href.replace("/src/", "/dist/"));
}

export class SqliteWorkerPort<R> {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private late = 0;
  private closed = false;

  /**
   * @example new SqliteWorkerPort<ReadRequest>("sqlite-read-worker.js", path, "reader")
   */
  constructor(
    private readonly file: string,
    private readonly path: string,
    private readonly name: string,
  ) {}

  /** True while a request given up on at its deadline is still unanswered: the worker is stuck. */
  get stuck(): boolean {
    return this.late > 0;
  }

  /** Sends a request; with `timeoutMs`, rejects with GENCHI_STORAGE when no answer came by then. */
  send<T>(request: R, timeoutMs?: number): Promise<T> {
    if (this.closed) return Promise.reject(new GenchiError("GENCHI_STORAGE", "the store is closed"));
    return this.post(request, timeoutMs) as Promise<T>;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (!this.worker) return;
    const worker = this.worker;
    const exited = new Promise((resolve) => worker.once("exit", resolve));
    await this.post({ op: "close" }).catch(() => undefined);
    await exited;
  }

  private post(request: R | { op: "close" }, timeoutMs?: number): Promise<unknown> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const entry: Pending = { resolve, reject, timer: null, late: false };
      if (timeoutMs !== undefined) {
        entry.timer = setTimeout(() => {
          entry.late = true;
          this.late++;
          reject(
            new GenchiError(
              "GENCHI_STORAGE",
              `SQLite did not answer within ${timeoutMs} ms (is the disk under the database stalled, or the file locked?); try again shortly`,
            ),
          );
        }, timeoutMs);
        entry.timer.unref();
      }
      this.pending.set(id, entry);
      worker.postMessage({ id, request } satisfies WorkerRequest<R>);
    });
  }

  private settle(id: number): Pending | undefined {
    const entry = this.pending.get(id);
    if (!entry) return undefined;
    this.pending.delete(id);
    if (entry.timer) clearTimeout(entry.timer);
    if (!entry.late) return entry;
    this.late--;
    return undefined;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerUrl(this.file), { workerData: { path: this.path } });
    worker.on("message", (response: WorkerResponse) => {
      const entry = this.settle(response.id);
      if (!entry) return;
      if (response.ok) entry.resolve(response.result);
      else
        entry.reject(
          new GenchiError("GENCHI_STORAGE", `SQLite ${this.name} failed: ${response.message}`, {
            cause: response.code,
          }),
        );
    });
    const fail = (error: Error) => {
      for (const id of [...this.pending.keys()])
        this.settle(id)?.reject(
          new GenchiError("GENCHI_STORAGE", `SQLite ${this.name} stopped: ${error.message}`),
        );
      if (this.worker === worker) this.worker = null;
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`exit code ${code}`)));
    this.worker = worker;
    return worker;
  }
}
