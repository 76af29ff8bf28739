/**
 * The SQLite read worker: a worker thread with its own read-only connection, for what must
 * never hold the HTTP thread — key lookups, pins, the reads of background timers, readiness.
 * A read that hangs on a stalled disk hangs this thread; the requests go on.
 */
import { workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import { answerRequests, type ReadRequest } from "./sqlite-worker-protocol.js";

// The main connection created and migrated the database before this one opens it.
const db = new Database((workerData as { path: string }).path, { fileMustExist: true });
db.pragma("busy_timeout = 10000");
db.pragma("cache_size = -8192");
db.pragma("query_only = ON");

// These reads are a handful of statements run again and again.
const statements = new Map<string, Database.Statement>();

answerRequests(db, (request: ReadRequest) => {
  let statement = statements.get(request.sql);
  if (!statement) {
    statement = db.prepare(request.sql);
    if (statements.size < 200) statements.set(request.sql, statement);
  }
  return statement.all(...request.params);
});
