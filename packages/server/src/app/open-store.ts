/** Opens the store a `--db` value names: a `postgres://` URL or a SQLite file path. */
import { GenchiError } from "@genchi/spec";
import { PostgresStore } from "../platform/store/postgres/postgres-store.js";
import { SqliteStore } from "../platform/store/sqlite/sqlite-store.js";
import type { Store } from "../platform/store/store.js";

export const defaultDatabasePath = "./.genchi/genchi.db";

/**
 * @example const store = await openStore("postgres://postgres@127.0.0.1:5432/genchi")
 */
export async function openStore(db: string = defaultDatabasePath): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(db)) {
    const store = new PostgresStore({ connectionString: db });
    await store.migrate();
    return store;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(db)) {
    throw new GenchiError(
      "GENCHI_BAD_CONFIG",
      `unsupported database URL '${db.replace(/\/\/[^@]*@/, "//…@")}': use a postgres:// URL or a SQLite file path`,
    );
  }
  return new SqliteStore({ path: db });
}
