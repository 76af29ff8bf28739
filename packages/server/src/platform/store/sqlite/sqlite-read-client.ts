/**
 * The store's side of the read worker: `all(sql, params)` answered off the HTTP thread, within a
 * deadline. While a read given up on is still unanswered (the worker is stuck on a stalled disk),
 * further reads fail at once instead of queueing behind it; callers keep what they last knew.
 */
import { GenchiError } from "@genchi/spec";
import type { Row } from "../sql-runner.js";
import { SqliteWorkerPort } from "./sqlite-worker-port.js";
import type { ReadRequest } from "./sqlite-worker-protocol.js";

/** How long a read may take before it is given up on. */
export const readTimeoutMs = 5_000;

export class SqliteReadClient {
  private readonly port: SqliteWorkerPort<ReadRequest>;

  constructor(path: string) {
    this.port = new SqliteWorkerPort<ReadRequest>("sqlite-read-worker.js", path, "read");
  }

  /**
   * @example const rows = await reader.all("SELECT * FROM projects WHERE id = ?", [1])
   */
  all(sql: string, params: readonly unknown[], timeoutMs = readTimeoutMs): Promise<Row[]> {
    if (this.port.stuck) {
      return Promise.reject(
        new GenchiError(
          "GENCHI_STORAGE",
          "SQLite is not answering reads (is the disk under the database stalled?); try again shortly",
        ),
      );
    }
    return this.port.send<Row[]>({ op: "all", sql, params: [...params] }, timeoutMs);
  }

  close(): Promise<void> {
    return this.port.close();
  }
}
