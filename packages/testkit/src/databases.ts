/** Throwaway databases for tests: a fresh PostgreSQL database or SQLite file per call. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { inject } from "vitest";

let counter = 0;

/** Creates an empty PostgreSQL database for this test file and returns its URL. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = inject("pgAdminUrl");
  const name = `${inject("pgPrefix")}_${process.pid}_${counter++}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A temp folder holding a SQLite file path; `remove` deletes the folder. */
export function createTempSqlitePath(): { path: string; dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "genchi-test-"));
  return { dir, path: join(dir, "genchi.db"), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
