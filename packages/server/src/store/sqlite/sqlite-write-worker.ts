/**
 * The SQLite write worker: a worker thread that owns the write connection, so inserting
 * and indexing calls runs beside the HTTP thread instead of blocking it.
 */
import { parentPort, workerData } from "node:worker_threads";
import { openSqlite } from "./open-sqlite.js";
import { SqliteCallWriter } from "./sqlite-call-writer.js";
import type { WriteRequest, WriteResponse } from "./sqlite-write-protocol.js";

// Writes append near the end of the tables and indexes: a small cache serves them, and the
// process's memory stays flat however much the gateway logs (queries use the main thread's cache).
const db = openSqlite((workerData as { path: string }).path, { cacheMiB: 16 });
const writer = new SqliteCallWriter(db);

parentPort!.on("message", (request: WriteRequest) => {
  let response: WriteResponse;
  try {
    if (request.op === "close") {
      db.close();
      parentPort!.postMessage({ id: request.id, ok: true, outcomes: [] } satisfies WriteResponse);
      parentPort!.close();
      return;
    }
    const outcomes =
      request.op === "calls"
        ? writer.insertCalls(request.projectId, request.calls)
        : writer.insertFeedback(request.projectId, request.rows);
    response = { id: request.id, ok: true, outcomes };
  } catch (error) {
    const e = error as Error & { code?: string };
    response = { id: request.id, ok: false, message: e.message, ...(e.code ? { code: e.code } : {}) };
  }
  parentPort!.postMessage(response);
});
