/** Opens a SQLite connection with genchi's settings (WAL, relaxed fsync, a page cache); `migrateSqlite` brings its schema up. */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { Migration } from "../migration.js";

/**
 * WAL with `synchronous = NORMAL`: a commit survives a crash of genchi's process; only a
 * power loss or OS crash can lose the last commits (SQLite's documented WAL trade-off).
 */
export function openSqlite(path: string, options: { cacheMiB?: number } = {}): Database.Database {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 10000");
  db.pragma(`cache_size = -${(options.cacheMiB ?? 64) * 1024}`);
  db.pragma("temp_store = MEMORY");
  return db;
}

/** Applies the steps not yet recorded in `genchi_migrations`, in one write transaction. */
export function migrateSqlite(db: Database.Database, migrations: readonly Migration[]): void {
  db.exec(
    "CREATE TABLE IF NOT EXISTS genchi_migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)",
  );
  const applied = () =>
    new Set(
      (db.prepare("SELECT name FROM genchi_migrations").all() as { name: string }[]).map((r) => r.name),
    );
  const before = applied();
  if (migrations.every((step) => before.has(step.name))) return;
  db.transaction(() => {
    const done = applied();
    const record = db.prepare("INSERT INTO genchi_migrations (name, applied_at) VALUES (?, ?)");
    for (const step of migrations) {
      if (done.has(step.name)) continue;
      db.exec(step.sql);
      record.run(step.name, Date.now());
    }
  }).immediate();
}
