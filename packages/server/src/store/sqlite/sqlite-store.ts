/**
 * The embedded SQLite store (better-sqlite3, WAL). One writer; every insert batch is one
 * transaction, committed before the promise resolves.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Call, CallsPage, CallsQuery, Feedback, KeyMeta, Project } from "@genchi/spec";
import Database from "better-sqlite3";
import {
  type CallRow,
  callColumns,
  callSearchText,
  callToValues,
  type FeedbackRow,
  feedbackColumns,
  feedbackToValues,
  rowToCall,
  rowToFeedback,
} from "../call-row.js";
import { decodeCursor, encodeCursor, SeqAllocator, seqFloor } from "../call-seq.js";
import { ftsTerms } from "../fts-terms.js";
import type { InsertOutcome, KeyRecord, NewKey, Store } from "../store.js";
import { sqliteMigrations } from "./sqlite-migrations.js";

type Row = Record<string, unknown>;

export interface SqliteStoreOptions {
  /** Path of the database file, or ":memory:". */
  path: string;
}

export class SqliteStore implements Store {
  readonly backend = "sqlite" as const;
  private readonly db: Database.Database;
  private readonly seqs = new SeqAllocator(0);
  private readonly insertCall: Database.Statement;
  private readonly insertFts: Database.Statement;
  private readonly insertFeedbackRow: Database.Statement;

  constructor(options: SqliteStoreOptions) {
    if (options.path !== ":memory:") mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("busy_timeout = 5000");
    this.db.pragma("cache_size = -65536");
    this.db.pragma("foreign_keys = ON");
    this.migrateSync();
    this.insertCall = this.db.prepare(
      `INSERT INTO calls (${callColumns.join(", ")}) VALUES (${callColumns.map(() => "?").join(", ")})
       ON CONFLICT (project_id, id) DO NOTHING`,
    );
    this.insertFts = this.db.prepare("INSERT INTO calls_fts (rowid, body) VALUES (?, ?)");
    this.insertFeedbackRow = this.db.prepare(
      `INSERT INTO feedback (${feedbackColumns.join(", ")}) VALUES (${feedbackColumns.map(() => "?").join(", ")})
       ON CONFLICT (project_id, id) DO NOTHING`,
    );
  }

  async migrate(): Promise<void> {
    this.migrateSync();
  }

  private migrateSync(): void {
    const version = this.db.pragma("user_version", { simple: true }) as number;
    if (version >= sqliteMigrations.length) return;
    this.db
      .transaction(() => {
        for (let step = version; step < sqliteMigrations.length; step++)
          this.db.exec(sqliteMigrations[step]!);
        this.db.pragma(`user_version = ${sqliteMigrations.length}`);
      })
      .immediate();
  }

  async close(): Promise<void> {
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
    return row ? toProject(row) : null;
  }

  async listProjects(): Promise<Project[]> {
    return (this.db.prepare("SELECT * FROM projects ORDER BY id").all() as Row[]).map(toProject);
  }

  async createKey(key: NewKey): Promise<KeyMeta> {
    const id = `key_${key.prefix.slice(-8)}_${Date.now().toString(36)}`;
    this.db
      .prepare(
        "INSERT INTO api_keys (id, project_id, kind, hash, prefix, name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      )
      .run(id, Number(key.projectId), key.kind, key.hash, key.prefix, key.name, Date.now());
    return toKeyMeta(this.db.prepare("SELECT * FROM api_keys WHERE id = ?").get(id) as Row);
  }

  async findKeyByHash(hash: string): Promise<KeyRecord | null> {
    const row = this.db
      .prepare(
        "SELECT k.*, p.name AS project_name FROM api_keys k JOIN projects p ON p.id = k.project_id WHERE k.hash = ?",
      )
      .get(hash) as Row | undefined;
    return row ? { ...toKeyMeta(row), projectName: String(row.project_name) } : null;
  }

  async listKeys(projectId: string): Promise<KeyMeta[]> {
    const rows = this.db
      .prepare("SELECT * FROM api_keys WHERE project_id = ? ORDER BY created_at")
      .all(Number(projectId)) as Row[];
    return rows.map(toKeyMeta);
  }

  async insertCalls(projectId: string, calls: readonly Call[]): Promise<InsertOutcome[]> {
    const pid = Number(projectId);
    return this.db.transaction(() => calls.map((call) => this.insertOne(pid, call))).immediate();
  }

  private insertOne(projectId: number, call: Call): InsertOutcome {
    let seq = this.seqs.next(Date.parse(call.timestamp));
    for (;;) {
      try {
        const result = this.insertCall.run(callToValues(projectId, seq, call));
        if (result.changes === 0) return "duplicate";
        this.insertFts.run(seq, callSearchText(call));
        return "stored";
      } catch (error) {
        if ((error as { code?: string }).code !== "SQLITE_CONSTRAINT_PRIMARYKEY") throw error;
        seq += 1;
      }
    }
  }

  async listCalls(projectId: string, query: CallsQuery): Promise<CallsPage> {
    const where: string[] = ["c.project_id = ?"];
    const params: unknown[] = [Number(projectId)];
    const cursor = query.cursor ? decodeCursor(query.cursor) : null;
    if (cursor != null) {
      where.push("c.seq < ?");
      params.push(cursor);
    }
    if (query.since) {
      where.push("c.seq >= ? AND c.ts >= ?");
      params.push(seqFloor(Date.parse(query.since)), Date.parse(query.since));
    }
    if (query.until) {
      where.push("c.seq < ? AND c.ts < ?");
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
    let from = "calls c";
    const terms = query.q ? ftsTerms(query.q) : [];
    if (terms.length > 0) {
      from = "calls_fts f JOIN calls c ON c.seq = f.rowid";
      where.push("calls_fts MATCH ?");
      params.push(terms.map((t) => `"${t}"`).join(" "));
    }
    const sql = `SELECT c.* FROM ${from} WHERE ${where.join(" AND ")} ORDER BY c.seq DESC LIMIT ?`;
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
    const pid = Number(projectId);
    return this.db
      .transaction(() =>
        feedback.map(
          (f): InsertOutcome =>
            this.insertFeedbackRow.run(feedbackToValues(pid, f)).changes === 0 ? "duplicate" : "stored",
        ),
      )
      .immediate();
  }

  async listFeedbackForCall(projectId: string, callId: string): Promise<Feedback[]> {
    const rows = this.db
      .prepare("SELECT * FROM feedback WHERE project_id = ? AND call_id = ? ORDER BY ts, id")
      .all(Number(projectId), callId) as FeedbackRow[];
    return rows.map(rowToFeedback);
  }

  async deleteCallsBefore(cutoff: Date): Promise<number> {
    const before = cutoff.getTime();
    let deleted = 0;
    const chunk = this.db.transaction(() => {
      const rows = this.db
        .prepare("SELECT seq, project_id, id FROM calls WHERE ts < ? LIMIT 5000")
        .all(before) as Row[];
      const delFeedback = this.db.prepare("DELETE FROM feedback WHERE project_id = ? AND call_id = ?");
      const delFts = this.db.prepare("DELETE FROM calls_fts WHERE rowid = ?");
      const delCall = this.db.prepare("DELETE FROM calls WHERE seq = ?");
      for (const row of rows) {
        delFeedback.run(row.project_id, row.id);
        delFts.run(row.seq);
        delCall.run(row.seq);
      }
      return rows.length;
    });
    for (;;) {
      const n = chunk.immediate();
      deleted += n;
      if (n < 5000) return deleted;
    }
  }
}

function toProject(row: Row): Project {
  return {
    id: String(row.id),
    name: String(row.name),
    createdAt: new Date(Number(row.created_at)).toISOString(),
  };
}

function toKeyMeta(row: Row): KeyMeta {
  return {
    id: String(row.id),
    projectId: String(row.project_id),
    kind: row.kind as KeyMeta["kind"],
    prefix: String(row.prefix),
    name: row.name == null ? null : String(row.name),
    createdAt: new Date(Number(row.created_at)).toISOString(),
    lastUsedAt: row.last_used_at == null ? null : new Date(Number(row.last_used_at)).toISOString(),
  };
}
