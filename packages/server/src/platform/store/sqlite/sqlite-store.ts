/**
 * The embedded SQLite store (better-sqlite3, WAL). Three connections, so that storage never
 * holds the HTTP thread where requests are waiting:
 * - the write worker (sqlite-write-worker.ts) writes calls and feedback, one transaction per
 *   batch, committed before the promise resolves, and runs retention's deletes;
 * - the read worker (sqlite-read-worker.ts) answers what the gateway's request path and the
 *   background timers read (key lookups, projects, pins and policy, shadow routes, review
 *   reminders), within a deadline;
 * - this thread's own connection serves the rest of the REST API and rare writes.
 * A stalled disk then stalls a worker, not the event loop.
 */
import type { Call, CallsPage, CallsQuery, Feedback, KeyMeta, Project } from "@genchi/spec";
import type Database from "better-sqlite3";
import { mapInSlices } from "../../util/map-in-slices.js";
import {
  type CallRow,
  callSearchText,
  callToValues,
  type FeedbackRow,
  feedbackToValues,
  rowToCall,
  rowToFeedback,
} from "../call-row.js";
import { decodeCursor, encodeCursor, seqFloor } from "../call-seq.js";
import { ftsTerms } from "../fts-terms.js";
import type { Migration } from "../migration.js";
import { rowToKeyMeta, rowToProject } from "../project-row.js";
import { type SqlRunner, sqliteRunner } from "../sql-runner.js";
import { sqliteStatsStore } from "../stats/sqlite-stats-store.js";
import type { StatsStore } from "../stats/stats-store.js";
import type { BaseStore, InsertOutcome, KeyRecord, NewKey } from "../store.js";
import { attachParts, type StorePart } from "../store-part.js";
import { migrateSqlite, openSqlite } from "./open-sqlite.js";
import { coreSqliteMigrations } from "./sqlite-migrations.js";
import { SqliteReadClient } from "./sqlite-read-client.js";
import { SqliteWriteClient } from "./sqlite-write-client.js";

type Row = Record<string, unknown>;

/**
 * The statement behind `listFeedbackForCall` (params: project id, call id). `+ts` keeps the
 * planner off `feedback_project_ts`: that index also matches `project_id = ?` and yields `ts`
 * order, so without statistics SQLite chose it and scanned all of a project's feedback
 * (~70 ms at 500,000 rows); through `feedback_project_call` it reads the call's few rows and
 * sorts them (~0.05 ms). Checked by feedback-for-call-plan.test.ts.
 */
export const feedbackForCallSql =
  "SELECT * FROM feedback WHERE project_id = ? AND call_id = ? ORDER BY +ts, id";

export interface SqliteStoreOptions {
  /** Path of the database file (created with its folder when missing). */
  path: string;
  /** The features' sub-stores and migrations (`app/open-store.ts` passes every feature's). Default: none. */
  parts?: readonly StorePart[];
}

export class SqliteStore implements BaseStore {
  readonly backend = "sqlite" as const;
  private readonly db: Database.Database;
  private readonly writer: SqliteWriteClient;
  private readonly reader: SqliteReadClient;
  readonly stats: StatsStore;
  private readonly migrations: readonly Migration[];

  constructor(options: SqliteStoreOptions) {
    const parts = options.parts ?? [];
    this.migrations = [...coreSqliteMigrations, ...parts.flatMap((part) => part.migrations.sqlite)];
    // Migrated here, before the workers open the file.
    this.db = openSqlite(options.path);
    migrateSqlite(this.db, this.migrations);
    this.db.pragma("foreign_keys = ON");
    this.writer = new SqliteWriteClient(options.path);
    this.reader = new SqliteReadClient(options.path);
    const offThread = selectsOn(this.reader, sqliteRunner(this.db));
    this.stats = sqliteStatsStore(this.db);
    attachParts(this, parts, (part) => part.sqlite({ db: this.db, offThread }));
  }

  async migrate(): Promise<void> {
    migrateSqlite(this.db, this.migrations);
  }

  async close(): Promise<void> {
    await this.writer.close();
    await this.reader.close();
    if (this.db.open) this.db.close();
  }

  async ensureProject(name: string): Promise<Project> {
    this.db
      .prepare("INSERT INTO projects (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")
      .run(name, Date.now());
    return (await this.getProjectByName(name))!;
  }

  async getProjectByName(name: string): Promise<Project | null> {
    const row = this.db.prepare("SELECT * FROM projects WHERE name = ?").get(name) as Row | undefined;
    return row ? rowToProject(row) : null;
  }

  /** On the read worker: timers list projects, and `/api/ready` asks for them. */
  async listProjects(): Promise<Project[]> {
    return (await this.reader.all("SELECT * FROM projects ORDER BY id", [])).map(rowToProject);
  }

  async createKey(key: NewKey): Promise<KeyMeta> {
    const id = `key_${key.prefix.slice(-8)}_${Date.now().toString(36)}`;
    this.db
      .prepare(
        "INSERT INTO api_keys (id, project_id, kind, hash, prefix, name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      )
      .run(id, Number(key.projectId), key.kind, key.hash, key.prefix, key.name, Date.now());
    return rowToKeyMeta(this.db.prepare("SELECT * FROM api_keys WHERE id = ?").get(id) as Row);
  }

  /** On the read worker: every request's key is looked up (then cached, see http/authenticator.ts). */
  async findKeyByHash(hash: string): Promise<KeyRecord | null> {
    const [row] = await this.reader.all(
      "SELECT k.*, p.name AS project_name FROM api_keys k JOIN projects p ON p.id = k.project_id WHERE k.hash = ?",
      [hash],
    );
    return row ? { ...rowToKeyMeta(row), projectName: String(row.project_name) } : null;
  }

  async listKeys(projectId: string): Promise<KeyMeta[]> {
    const rows = this.db
      .prepare("SELECT * FROM api_keys WHERE project_id = ? ORDER BY created_at")
      .all(Number(projectId)) as Row[];
    return rows.map(rowToKeyMeta);
  }

  async revokeKey(projectId: string, keyId: string): Promise<boolean> {
    const result = this.db
      .prepare("DELETE FROM api_keys WHERE project_id = ? AND id = ?")
      .run(Number(projectId), keyId);
    return result.changes > 0;
  }

  async insertCalls(projectId: string, calls: readonly Call[]): Promise<InsertOutcome[]> {
    if (calls.length === 0) return [];
    const pid = Number(projectId);
    // Prepared a slice at a time: a large batch does not hold the event loop throughout.
    const rows = await mapInSlices(calls, (call) => ({
      values: callToValues(pid, 0, call),
      timestampMs: Date.parse(call.timestamp),
      searchText: callSearchText(call),
    }));
    return this.writer.insertCalls(pid, rows);
  }

  async listCalls(projectId: string, query: CallsQuery): Promise<CallsPage> {
    const where: string[] = ["c.project_id = ?"];
    const params: unknown[] = [Number(projectId)];
    const terms = query.q ? ftsTerms(query.q) : [];
    // With a search, range conditions go on the FTS rowid (= seq) so FTS5 can use them.
    const seq = terms.length > 0 ? "f.rowid" : "c.seq";
    const cursor = query.cursor ? decodeCursor(query.cursor) : null;
    if (cursor != null) {
      where.push(`${seq} < ?`);
      params.push(cursor);
    }
    if (query.since) {
      where.push(`${seq} >= ? AND c.ts >= ?`);
      params.push(seqFloor(Date.parse(query.since)), Date.parse(query.since));
    }
    if (query.until) {
      where.push(`${seq} < ? AND c.ts < ?`);
      params.push(seqFloor(Date.parse(query.until) + 1), Date.parse(query.until));
    }
    for (const [column, value] of [
      ["route", query.route],
      ["model", query.model],
      ["status", query.status],
      ["user_id", query.userId],
      ["session_id", query.sessionId],
    ] as const) {
      if (value !== undefined) {
        where.push(`c.${column} = ?`);
        params.push(value);
      }
    }
    if (query.tag !== undefined) {
      where.push("EXISTS (SELECT 1 FROM json_each(c.tags) t WHERE t.value = ?)");
      params.push(query.tag);
    }
    if (query.label !== undefined) {
      where.push(
        "EXISTS (SELECT 1 FROM feedback fb WHERE fb.project_id = c.project_id AND fb.call_id = c.id AND fb.label = ?)",
      );
      params.push(query.label);
    }
    let from = "calls c";
    let order = "c.seq DESC";
    if (terms.length > 0) {
      // Walk the full-text matches newest first (FTS5 rowid = seq) and stop at the page size.
      from = "calls_fts f JOIN calls c ON c.seq = f.rowid";
      order = "f.rowid DESC";
      where.push("calls_fts MATCH ?");
      params.push(terms.map((t) => `"${t}"`).join(" "));
    }
    const sql = `SELECT c.* FROM ${from} WHERE ${where.join(" AND ")} ORDER BY ${order} LIMIT ?`;
    const rows = this.db.prepare(sql).all(...params, query.limit + 1) as CallRow[];
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      data: page.map(rowToCall),
      nextCursor: rows.length > query.limit && last ? encodeCursor(Number(last.seq)) : null,
    };
  }

  async getCall(projectId: string, id: string): Promise<Call | null> {
    const row = this.db
      .prepare("SELECT * FROM calls WHERE project_id = ? AND id = ?")
      .get(Number(projectId), id);
    return row ? rowToCall(row as CallRow) : null;
  }

  async countCalls(projectId: string): Promise<number> {
    const row = this.db
      .prepare("SELECT count(*) AS n FROM calls WHERE project_id = ?")
      .get(Number(projectId));
    return Number((row as Row).n);
  }

  async insertFeedback(projectId: string, feedback: readonly Feedback[]): Promise<InsertOutcome[]> {
    if (feedback.length === 0) return [];
    const pid = Number(projectId);
    return this.writer.insertFeedback(
      pid,
      feedback.map((f) => feedbackToValues(pid, f)),
    );
  }

  async listFeedbackForCall(projectId: string, callId: string): Promise<Feedback[]> {
    const rows = this.db.prepare(feedbackForCallSql).all(Number(projectId), callId) as FeedbackRow[];
    return rows.map(rowToFeedback);
  }

  async deleteOrphanFeedbackBefore(cutoff: Date): Promise<number> {
    return this.writer.deleteOrphanFeedbackBefore(cutoff.getTime());
  }

  /** On the write worker, a chunk at a time (the retention timer must not hold the HTTP thread). */
  async deleteCallsBefore(cutoff: Date): Promise<number> {
    return this.writer.deleteCallsBefore(cutoff.getTime());
  }
}

/** A runner whose SELECTs go to the read worker and everything else (writes, `… RETURNING`) to `main`. */
function selectsOn(reader: SqliteReadClient, main: SqlRunner): SqlRunner {
  return {
    ...main,
    all: (sql, params) => (/^\s*SELECT\b/i.test(sql) ? reader.all(sql, params) : main.all(sql, params)),
  };
}
