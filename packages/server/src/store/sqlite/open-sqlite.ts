/** Opens a SQLite connection with genchi's settings (WAL, relaxed fsync, big cache) and migrates it. */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { sqliteMigrations } from "./sqlite-migrations.js";

/**
 * WAL with `synchronous = NORMAL`: a commit survives a crash of genchi's process; only a
 * power loss or OS crash can lose the last commits (SQLite's documented WAL trade-off).
 */
export function openSqlite(path: string): Database.Database {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 10000");
  db.pragma("cache_size = -65536");
  db.pragma("temp_store = MEMORY");
  migrateSqlite(db);
  return db;
}

export function migrateSqlite(db: Database.Database): void {
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version >= sqliteMigrations.length) return;
  db.transaction(() => {
    const current = db.pragma("user_version", { simple: true }) as number;
    for (let step = current; step < sqliteMigrations.length; step++) db.exec(sqliteMigrations[step]!);
    db.pragma(`user_version = ${sqliteMigrations.length}`);
  }).immediate();
}
