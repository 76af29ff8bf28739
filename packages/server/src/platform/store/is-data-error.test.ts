/**
 * isDataError on errors made by the real drivers and the real stores: SQLite (better-sqlite3, and
 * the SQLite store's write worker) and PostgreSQL (pg, and the PostgreSQL store).
 */
import { GenchiError } from "@genchi/spec";
import { createTempSqlitePath, createTestDatabase } from "@genchi/testkit";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../app/open-store.js";
import { IngestService } from "../../features/calls/ingest-service.js";
import { isDataError } from "./is-data-error.js";
import { asStorageError } from "./postgres/storage-error.js";

/** The error `fn` throws (or rejects with). */
async function errorOf(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

describe("isDataError: errors of genchi's own making", () => {
  it("a validation error and a TypeError or RangeError made while preparing rows are data errors", async () => {
    expect(isDataError(new GenchiError("GENCHI_VALIDATION", "input: required"))).toBe(true);
    expect(isDataError(await errorOf(() => JSON.stringify({ tokens: 1n })))).toBe(true); // TypeError
    expect(isDataError(await errorOf(() => "x".repeat(-1)))).toBe(true); // RangeError
  });

  it("storage errors without a data cause, and anything else, mean storage is unavailable", () => {
    expect(isDataError(new GenchiError("GENCHI_STORAGE", "the store is closed"))).toBe(false);
    expect(isDataError(new Error("something broke"))).toBe(false);
    expect(isDataError("a string")).toBe(false);
    expect(isDataError(null)).toBe(false);
  });
});

describe("isDataError on SQLite", () => {
  const tmp = createTempSqlitePath();
  let db: Database.Database;
  beforeAll(() => {
    db = new Database(tmp.path);
    db.pragma("journal_mode = WAL");
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL CHECK (name <> 'bad'))");
    db.exec(
      "CREATE TRIGGER poison BEFORE INSERT ON t WHEN NEW.name = 'poison' BEGIN SELECT RAISE(ABORT, 'poison'); END",
    );
    db.prepare("INSERT INTO t VALUES (1, 'one')").run();
  });
  afterAll(() => {
    db.close();
    tmp.remove();
  });
  const fails = (sql: string, ...args: unknown[]) => errorOf(() => db.prepare(sql).run(...args));

  it("constraints, type mismatches and oversized values are data errors", async () => {
    const errors = [
      await fails("INSERT INTO t VALUES (1, 'again')"), // SQLITE_CONSTRAINT_PRIMARYKEY
      await fails("INSERT INTO t VALUES (2, NULL)"), // SQLITE_CONSTRAINT_NOTNULL
      await fails("INSERT INTO t VALUES (3, 'bad')"), // SQLITE_CONSTRAINT_CHECK
      await fails("INSERT INTO t VALUES (4, 'poison')"), // SQLITE_CONSTRAINT_TRIGGER
      await fails("INSERT INTO t VALUES ('four', 'x')"), // SQLITE_MISMATCH
      await errorOf(() => db.prepare("SELECT zeroblob(2000000000)").get()), // SQLITE_TOOBIG
      await fails("INSERT INTO t VALUES (?, ?)", 5), // RangeError: too few parameters
    ];
    expect(errors.map((e) => (e as { code?: string }).code ?? (e as Error).name)).toEqual([
      "SQLITE_CONSTRAINT_PRIMARYKEY",
      "SQLITE_CONSTRAINT_NOTNULL",
      "SQLITE_CONSTRAINT_CHECK",
      "SQLITE_CONSTRAINT_TRIGGER",
      "SQLITE_MISMATCH",
      "SQLITE_TOOBIG",
      "RangeError",
    ]);
    for (const e of errors) expect(isDataError(e)).toBe(true);
  });

  it("a lock held by another connection, a read-only file and a broken statement are not", async () => {
    const other = new Database(tmp.path);
    other.pragma("busy_timeout = 0");
    db.exec("BEGIN EXCLUSIVE");
    const busy = await errorOf(() => other.prepare("INSERT INTO t VALUES (9, 'nine')").run());
    db.exec("COMMIT");
    other.close();
    const readOnly = new Database(tmp.path, { readonly: true });
    const ro = await errorOf(() => readOnly.prepare("INSERT INTO t VALUES (9, 'nine')").run());
    readOnly.close();
    const broken = await errorOf(() => db.prepare("INSERT INTO t VALUES (1, 2, 3)"));
    expect([busy, ro, broken].map((e) => (e as { code?: string }).code)).toEqual([
      "SQLITE_BUSY",
      "SQLITE_READONLY",
      "SQLITE_ERROR",
    ]);
    for (const e of [busy, ro, broken]) expect(isDataError(e)).toBe(false);
  });

  it("through the SQLite store (its write worker wraps the driver's error): a trigger's refusal is a data error, a closed store is not", async () => {
    const file = createTempSqlitePath();
    const store = await openStore(file.path);
    try {
      const project = await store.ensureProject("default");
      const side = new Database(file.path);
      side.exec(
        "CREATE TRIGGER poison BEFORE INSERT ON calls WHEN NEW.requested_model = 'gpt-poison' BEGIN SELECT RAISE(ABORT, 'poison call'); END",
      );
      side.close();
      const ingest = new IngestService(store);
      const ok = await ingest.ingest(project.id, { calls: [{ input: "fine", requestedModel: "gpt-4o" }] });
      expect(ok.stored).toBe(1);
      const refused = await errorOf(() =>
        ingest.ingest(project.id, { calls: [{ input: "bad", requestedModel: "gpt-poison" }] }),
      );
      expect(refused).toBeInstanceOf(GenchiError);
      expect((refused as Error).message).toContain("poison call");
      expect(isDataError(refused)).toBe(true);
      await store.close();
      const closed = await errorOf(() => ingest.ingest(project.id, { calls: [{ input: "late" }] }));
      expect(isDataError(closed)).toBe(false);
    } finally {
      await store.close().catch(() => {});
      file.remove();
    }
  });
});

describe("isDataError on PostgreSQL", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let client: pg.Client;
  beforeAll(async () => {
    database = await createTestDatabase();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(
      "CREATE TABLE t (id bigint PRIMARY KEY, name varchar(8) NOT NULL CHECK (name <> 'bad'), n int2, big text)",
    );
    await client.query("CREATE INDEX t_big ON t (big)");
    await client.query("INSERT INTO t (id, name) VALUES (1, 'one')");
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });
  const fails = (sql: string, values: unknown[] = []) => errorOf(() => client.query(sql, values));
  /** Terminates the backend `pid` once it is running a query that mentions `text`. */
  const terminateWhenRunning = async (pid: number, text: string) => {
    const running = () =>
      client.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND state = 'active' AND query LIKE $2", [
        pid,
        `%${text}%`,
      ]);
    while ((await running()).rowCount === 0) await new Promise((r) => setTimeout(r, 20));
    await client.query("SELECT pg_terminate_backend($1)", [pid]);
  };

  it("bad values (class 22), constraints (23) and limits (54) are data errors", async () => {
    const errors = [
      await fails("INSERT INTO t (id, name) VALUES (2, $1)", ["a\u0000b"]), // 22021 NUL in text
      await fails("INSERT INTO t (id, name) VALUES (2, 'much too long')"), // 22001
      await fails("INSERT INTO t (id, name, n) VALUES (2, 'x', 100000)"), // 22003
      await fails("INSERT INTO t (id, name) VALUES (1, 'again')"), // 23505
      await fails("INSERT INTO t (id, name) VALUES (2, NULL)"), // 23502
      await fails("INSERT INTO t (id, name) VALUES (2, 'bad')"), // 23514
      // An index entry larger than a btree page allows: 54000 program_limit_exceeded.
      await fails(
        "INSERT INTO t (id, name, big) SELECT 2, 'x', string_agg(md5(random()::text), '') FROM generate_series(1, 400)",
      ),
    ];
    expect(errors.map((e) => (e as { code?: string }).code)).toEqual([
      "22021",
      "22001",
      "22003",
      "23505",
      "23502",
      "23514",
      "54000",
    ]);
    for (const e of errors) expect(isDataError(e)).toBe(true);
  });

  it("a terminated connection, a statement timeout, a refused connection and a broken statement are not", async () => {
    const victim = new pg.Client({ connectionString: database.url });
    await victim.connect();
    victim.on("error", () => {});
    const { rows } = await victim.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    const sleeping = errorOf(() => victim.query("SELECT pg_sleep(30)"));
    await terminateWhenRunning(rows[0]!.pid, "pg_sleep");
    const terminated = await sleeping;
    await victim.end().catch(() => {});
    await client.query("SET statement_timeout = 50");
    const timedOut = await fails("SELECT pg_sleep(5)");
    await client.query("SET statement_timeout = 0");
    const refused = await errorOf(async () => {
      const c = new pg.Client({ connectionString: "postgres://postgres@127.0.0.1:1/x" });
      await c.connect();
    });
    const broken = await fails("INSERT INTO t VALUES (1, 2, 3, 4, 5)");
    expect([terminated, timedOut, refused, broken].map((e) => (e as { code?: string }).code)).toEqual([
      "57P01",
      "57014",
      "ECONNREFUSED",
      "42601",
    ]);
    for (const e of [terminated, timedOut, refused, broken]) expect(isDataError(e)).toBe(false);
  });

  it("through the PostgreSQL store: a constraint's refusal is a data error, a write that times out on a lock is not", async () => {
    // The store's connections wait at most 200 ms for a lock (set before they are opened).
    await client.query(`ALTER DATABASE "${new URL(database.url).pathname.slice(1)}" SET lock_timeout = 200`);
    const store = await openStore(database.url);
    try {
      const project = await store.ensureProject("default");
      await client.query("ALTER TABLE calls ADD CONSTRAINT poison CHECK (requested_model <> 'gpt-poison')");
      const ingest = new IngestService(store);
      expect((await ingest.ingest(project.id, { calls: [{ input: "fine" }] })).stored).toBe(1);
      const refused = await errorOf(() =>
        ingest.ingest(project.id, { calls: [{ input: "bad", requestedModel: "gpt-poison" }] }),
      );
      expect((refused as { code?: string }).code).toBe("23514");
      expect(isDataError(refused)).toBe(true);
      // Another session holds the table (a migration, say): the write gives up, storage is busy.
      await client.query("BEGIN");
      await client.query("LOCK TABLE calls IN SHARE MODE");
      const locked = await errorOf(() => ingest.ingest(project.id, { calls: [{ input: "waits" }] }));
      await client.query("ROLLBACK");
      expect((locked as { code?: string }).code).toBe("55P03");
      expect(isDataError(locked)).toBe(false);
    } finally {
      await store.close();
    }
  });

  it("as the PostgreSQL store wraps a lost connection (GENCHI_STORAGE with the driver's error as cause): not a data error", async () => {
    const victim = new pg.Client({ connectionString: database.url });
    await victim.connect();
    victim.on("error", () => {});
    const pid = (await victim.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    const sleeping = errorOf(() => victim.query("SELECT pg_sleep(30)"));
    await terminateWhenRunning(pid, "pg_sleep");
    const lost = await sleeping;
    await victim.end().catch(() => {});
    expect((lost as { code?: string }).code).toBe("57P01");
    const wrapped = asStorageError(lost);
    expect(wrapped).toBeInstanceOf(GenchiError);
    expect((wrapped as GenchiError).code).toBe("GENCHI_STORAGE");
    expect(isDataError(wrapped)).toBe(false);
  });
});
