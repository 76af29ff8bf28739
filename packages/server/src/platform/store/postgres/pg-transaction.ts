/** Runs work in one PostgreSQL transaction on a pooled connection, rolled back on any error. */
import type pg from "pg";
import { asStorageError } from "./storage-error.js";

/** SQLSTATEs after which the whole transaction can simply run again. */
const retryable = new Set(["40P01", "40001"]); // deadlock_detected, serialization_failure

/**
 * Commits before resolving. A deadlock or serialization failure reruns `work` (up to
 * `attempts` times in all), so `work` must start from scratch each time.
 *
 * @example await pgTransaction(pool, (client) => client.query("UPDATE …"))
 */
export async function pgTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  attempts = 3,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw asStorageError(error);
    }
    // pg-pool listens for a connection's errors only while it is idle: one cut mid-query (a
    // terminated backend, a server restart, a failover) would otherwise be an uncaught error that
    // ends the process. The query itself fails and is handled below.
    const ignore = () => {};
    client.on("error", ignore);
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      client.off("error", ignore);
      client.release();
      return result;
    } catch (error) {
      // A connection that cannot even roll back is destroyed, not returned to the pool.
      const broken = await client.query("ROLLBACK").then(
        () => false,
        () => true,
      );
      client.off("error", ignore);
      client.release(broken);
      const code = (error as { code?: unknown }).code;
      if (attempt < attempts && typeof code === "string" && retryable.has(code)) continue;
      throw asStorageError(error);
    }
  }
}
