/** Opens the store a `--db` value names (a `postgres://` URL or a SQLite file path), with every feature's part. */
import { GenchiError } from "@genchi/spec";
import { PostgresStore } from "../platform/store/postgres/postgres-store.js";
import { SqliteStore } from "../platform/store/sqlite/sqlite-store.js";
import type { Store } from "../platform/store/store.js";
import { storeParts } from "./feature-modules.js";

export const defaultDatabasePath = "./.genchi/genchi.db";

/**
 * @example const store = await openStore("postgres://postgres@127.0.0.1:5432/genchi")
 */
export async function openStore(db: string = defaultDatabasePath): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(db)) {
    const store = new PostgresStore({ connectionString: db, parts: await storeParts() });
    await store.migrate();
    return store as PostgresStore & Store;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(db)) {
    throw new GenchiError(
      "GENCHI_BAD_CONFIG",
      `unsupported database URL '${db.replace(/\/\/[^@]*@/, "//…@")}': use a postgres:// URL or a SQLite file path`,
    );
  }
  // The parts' sub-stores are attached by the constructor: the cast names what it built.
  return new SqliteStore({ path: db, parts: await storeParts() }) as SqliteStore & Store;
}
