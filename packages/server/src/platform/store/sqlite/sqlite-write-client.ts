/**
 * The store's side of the write worker: call and feedback batches, and retention's deletes, one
 * chunk per request so inserts queued meanwhile are not held up behind a long delete.
 */
import type { InsertOutcome } from "../store.js";
import type { PreparedCall } from "./sqlite-call-writer.js";
import { SqliteWorkerPort } from "./sqlite-worker-port.js";
import type { WriteRequest } from "./sqlite-worker-protocol.js";

/** Calls deleted per retention transaction. */
const deleteChunk = 5_000;

export class SqliteWriteClient {
  private readonly port: SqliteWorkerPort<WriteRequest>;

  constructor(path: string) {
    this.port = new SqliteWorkerPort<WriteRequest>("sqlite-write-worker.js", path, "write");
  }

  insertCalls(projectId: number, calls: PreparedCall[]): Promise<InsertOutcome[]> {
    return this.port.send({ op: "calls", projectId, calls });
  }

  insertFeedback(projectId: number, rows: unknown[][]): Promise<InsertOutcome[]> {
    return this.port.send({ op: "feedback", projectId, rows });
  }

  /** Deletes calls (with their feedback) older than `before` (ms since the epoch); resolves with how many. */
  async deleteCallsBefore(before: number): Promise<number> {
    let deleted = 0;
    for (;;) {
      const n = await this.port.send<number>({ op: "deleteBefore", before, limit: deleteChunk });
      deleted += n;
      if (n < deleteChunk) return deleted;
    }
  }

  /** Deletes held feedback whose call never came, dated before `before` (ms); resolves with how many. */
  deleteOrphanFeedbackBefore(before: number): Promise<number> {
    return this.port.send<number>({ op: "deleteOrphanFeedback", before });
  }

  close(): Promise<void> {
    return this.port.close();
  }
}
