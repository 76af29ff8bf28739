/**
 * Messages between the SQLite store and its worker threads (the writer and the reader), and the
 * worker side's loop: each request answered in order, a failure as a message instead of a crash.
 */
import { parentPort } from "node:worker_threads";
import type Database from "better-sqlite3";
import type { InsertOutcome } from "../store.js";
import type { PreparedCall } from "./sqlite-call-writer.js";

export type WriteRequest =
  | { op: "calls"; projectId: number; calls: PreparedCall[] }
  | { op: "feedback"; projectId: number; rows: unknown[][] }
  /** Deletes one chunk of calls older than `before` (ms); answers how many. */
  | { op: "deleteBefore"; before: number; limit: number }
  /** Deletes held feedback whose call never came, dated before `before` (ms); answers how many. */
  | { op: "deleteOrphanFeedback"; before: number };

export type ReadRequest = { op: "all"; sql: string; params: unknown[] };

export type WriteResult = InsertOutcome[] | number;

export type WorkerRequest<R> = { id: number; request: R | { op: "close" } };

export type WorkerResponse =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; message: string; code?: string };

/**
 * In a worker: answers each request with `handle(request)`; `close` closes `db` and the port.
 *
 * @example answerRequests(db, (request: ReadRequest) => db.prepare(request.sql).all(...request.params))
 */
export function answerRequests<R>(db: Database.Database, handle: (request: R) => unknown): void {
  const port = parentPort!;
  port.on("message", ({ id, request }: WorkerRequest<R>) => {
    let response: WorkerResponse;
    try {
      if (typeof request === "object" && request !== null && (request as { op: string }).op === "close") {
        db.close();
        port.postMessage({ id, ok: true, result: null } satisfies WorkerResponse);
        port.close();
        return;
      }
      response = { id, ok: true, result: handle(request as R) };
    } catch (error) {
      const e = error as Error & { code?: string };
      response = { id, ok: false, message: e.message, ...(e.code ? { code: e.code } : {}) };
    }
    port.postMessage(response);
  });
}
