/**
 * The store's side of the write worker: sends batches, matches replies to promises, and
 * fails pending writes clearly if the worker dies (a new worker is started for the next write).
 */
import { Worker } from "node:worker_threads";
import { GenchiError } from "@genchi/spec";
import type { InsertOutcome } from "../store.js";
import type { PreparedCall } from "./sqlite-call-writer.js";
import type { WriteRequest, WriteResponse } from "./sqlite-write-protocol.js";

type Pending = { resolve: (outcomes: InsertOutcome[]) => void; reject: (error: Error) => void };

/** Distributed code runs from dist/; tests run src/ through vitest, so they use the built worker. */
function workerUrl(): URL {
  const here = new URL("./sqlite-write-worker.js", import.meta.url);
  if (!import.meta.url.endsWith(".ts")) return here;
  return new URL(here.href.replace("/src/", "/dist/"));
}

export class SqliteWriteClient {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly path: string) {}

  insertCalls(projectId: number, calls: PreparedCall[]): Promise<InsertOutcome[]> {
    return this.send({ id: this.nextId++, op: "calls", projectId, calls });
  }

  insertFeedback(projectId: number, rows: unknown[][]): Promise<InsertOutcome[]> {
    return this.send({ id: this.nextId++, op: "feedback", projectId, rows });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (!this.worker) return;
    const worker = this.worker;
    const exited = new Promise((resolve) => worker.once("exit", resolve));
    await this.send({ id: this.nextId++, op: "close" }, true).catch(() => undefined);
    await exited;
  }

  private send(request: WriteRequest, allowClosed = false): Promise<InsertOutcome[]> {
    if (this.closed && !allowClosed)
      return Promise.reject(new GenchiError("GENCHI_STORAGE", "the store is closed"));
    const worker = this.ensureWorker();
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject });
      worker.postMessage(request);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerUrl(), { workerData: { path: this.path } });
    worker.on("message", (response: WriteResponse) => {
      const p = this.pending.get(response.id);
      if (!p) return;
      this.pending.delete(response.id);
      if (response.ok) p.resolve(response.outcomes);
      else
        p.reject(
          new GenchiError("GENCHI_STORAGE", `SQLite write failed: ${response.message}`, {
            cause: response.code,
          }),
        );
    });
    const fail = (error: Error) => {
      for (const p of this.pending.values())
        p.reject(new GenchiError("GENCHI_STORAGE", `SQLite writer stopped: ${error.message}`));
      this.pending.clear();
      if (this.worker === worker) this.worker = null;
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`exit code ${code}`)));
    this.worker = worker;
    return worker;
  }
}
