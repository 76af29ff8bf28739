/**
 * The SQLite write worker: a worker thread that owns the write connection, so inserting and
 * indexing calls (and retention's deletes) run beside the HTTP thread instead of blocking it —
 * a disk that stalls a write stalls this thread, not the requests.
 */
import { workerData } from "node:worker_threads";
import { openSqlite } from "./open-sqlite.js";
import { SqliteCallWriter } from "./sqlite-call-writer.js";
import { answerRequests, type WriteRequest, type WriteResult } from "./sqlite-worker-protocol.js";

// Writes append near the end of the tables and indexes: a small cache serves them, and the
// process's memory stays flat however much the gateway logs (queries use the main thread's cache).
const db = openSqlite((workerData as { path: string }).path, { cacheMiB: 16 });
const writer = new SqliteCallWriter(db);

answerRequests(db, (request: WriteRequest): WriteResult => {
  switch (request.op) {
    case "calls":
      return writer.insertCalls(request.projectId, request.calls);
    case "feedback":
      return writer.insertFeedback(request.projectId, request.rows);
    case "deleteBefore":
      return writer.deleteCallsBefore(request.before, request.limit);
    case "deleteOrphanFeedback":
      return writer.deleteOrphanFeedbackBefore(request.before);
  }
});
