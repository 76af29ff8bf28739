/**
 * The PostgreSQL store, for teams: several server processes share one database through a
 * small connection pool. Each insert batch is one transaction, committed before the
 * promise resolves (see `insertCallBatch`); migrations are serialized by an advisory lock.
 */
import {
  type Call,
  type CallsPage,
  type CallsQuery,
  type Feedback,
  GenchiError,
  type KeyMeta,
  type Project,
} from "@genchi/spec";
import pg from "pg";
import {
  type CallRow,
  callColumns,
  type FeedbackRow,
  feedbackColumns,
  feedbackToValues,
  rowToCall,
  rowToFeedback,
} from "../call-row.js";
import { decodeCursor, encodeCursor, SeqAllocator, seqFloor } from "../call-seq.js";
import type { Migration } from "../migration.js";
import { rowToKeyMeta, rowToProject } from "../project-row.js";
import { postgresStatsStore } from "../stats/postgres-stats-store.js";
import type { StatsStore } from "../stats/stats-store.js";
import type { BaseStore, InsertOutcome, KeyRecord, NewKey } from "../store.js";
import { attachParts, type StorePart } from "../store-part.js";
import { AnalyzeScheduler } from "./analyze-scheduler.js";
import { insertCallBatch } from "./insert-call-batch.js";
import { pgTransaction } from "./pg-transaction.js";
import { corePostgresMigrations } from "./postgres-migrations.js";
import { searchQuery } from "./search-words.js";
import { asStorageError } from "./storage-error.js";
import { columnArrays, unnestInsert } from "./unnest-insert.js";

type Row = Record<string, unknown>;
type FeedbackColumn = (typeof feedbackColumns)[number];

export interface PostgresStoreOptions {
  /** A `postgres://` URL. */
  connectionString: string;
  /** The features' sub-stores and migrations (`app/open-store.ts` passes every feature's). Default: none. */
  parts?: readonly StorePart[];
  /** Connections per process; several processes share the server's `max_connections`. Default 10. */
  maxConnections?: number;
  /** Longest a statement may run, in ms. Default 30,000. Migrations run without a limit. */
  statementTimeoutMs?: number;
  /** Where this process starts counting seqs within a millisecond; random by default. Tests pin it. */
  seqSalt?: number;
}

/** Any number; the same key in every genchi process, so only one migrates at a time. */
const migrationLockKey = 0x67656e636869; // "genchi"
const deleteChunk = 5000;

const feedbackTypes: Record<FeedbackColumn, string> = {
  project_id: "bigint",
  id: "text",
  call_id: "text",
  kind: "text",
  value: "json",
  edited_output: "text",
  comment: "text",
  user_id: "text",
  ts: "bigint",
  label: "text",
  metadata: "json",
};

const callSelect = callColumns.join(", ");
const feedbackSelect = feedbackColumns.join(", ");
const insertFeedbackSql = `${unnestInsert("feedback", feedbackColumns, feedbackTypes)} RETURNING id`;
const feedbackProjectIdColumn = feedbackColumns.indexOf("project_id");
/** Rows per feedback INSERT statement. */
const maxFeedbackPerInsert = 1000;

/** json/jsonb come back as text: `rowToCall` parses them (a JSON string must not be parsed twice). */
const rawJson = (value: string): string => value;
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === 114 || oid === 3802
      ? rawJson
      : pg.types.getTypeParser(oid, format ?? "text")) as typeof pg.types.getTypeParser,
};

export class PostgresStore implements BaseStore {
  readonly backend = "postgres" as const;
  private readonly pool: pg.Pool;
  private readonly seqs: SeqAllocator;
  private readonly statistics: AnalyzeScheduler;
  private closed = false;
  readonly stats: StatsStore;
  private readonly migrations: readonly Migration[];

  constructor(options: PostgresStoreOptions) {
    this.seqs = new SeqAllocator(options.seqSalt);
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      statement_timeout: options.statementTimeoutMs ?? 30_000,
      idle_in_transaction_session_timeout: 60_000,
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
      application_name: "genchi",
      types,
    });
    // An idle connection that breaks (server restart) is dropped by the pool; the next
    // query opens a new one. Without a listener the error would crash the process.
    this.pool.on("error", () => {});
    this.stats = postgresStatsStore(this.pool);
    const parts = options.parts ?? [];
    this.migrations = [...corePostgresMigrations, ...parts.flatMap((part) => part.migrations.postgres)];
    attachParts(this, parts, (part) => part.postgres({ pool: this.pool }));
    this.statistics = new AnalyzeScheduler(this.pool);
  }

  async migrate(): Promise<void> {
    await pgTransaction(
      this.pool,
      async (client) => {
        await client.query("SET LOCAL statement_timeout = 0");
        await client.query("SELECT pg_advisory_xact_lock($1)", [migrationLockKey]);
        await client.query(
          "CREATE TABLE IF NOT EXISTS genchi_migrations (name text PRIMARY KEY, applied_at bigint NOT NULL)",
        );
        const { rows } = await client.query<{ name: string }>("SELECT name FROM genchi_migrations");
        const applied = new Set(rows.map((r) => r.name));
        for (const step of this.migrations) {
          if (applied.has(step.name)) continue;
          await client.query(step.sql);
          await client.query("INSERT INTO genchi_migrations (name, applied_at) VALUES ($1, $2)", [
            step.name,
            Date.now(),
          ]);
        }
      },
      1,
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  async ensureProject(name: string): Promise<Project> {
    await this.query(
      "INSERT INTO projects (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
      [name, Date.now()],
    );
    return (await this.getProjectByName(name))!;
  }

  async getProjectByName(name: string): Promise<Project | null> {
    const rows = await this.query("SELECT * FROM projects WHERE name = $1", [name]);
    return rows[0] ? rowToProject(rows[0]) : null;
  }

  async listProjects(): Promise<Project[]> {
    return (await this.query("SELECT * FROM projects ORDER BY id")).map(rowToProject);
  }

  async createKey(key: NewKey): Promise<KeyMeta> {
    const id = `key_${key.prefix.slice(-8)}_${Date.now().toString(36)}`;
    const rows = await this.query(
      `INSERT INTO api_keys (id, project_id, kind, hash, prefix, name, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [id, projectKey(key.projectId), key.kind, key.hash, key.prefix, key.name, Date.now()],
    );
    return rowToKeyMeta(rows[0]!);
  }

  async findKeyByHash(hash: string): Promise<KeyRecord | null> {
    const rows = await this.query(
      "SELECT k.*, p.name AS project_name FROM api_keys k JOIN projects p ON p.id = k.project_id WHERE k.hash = $1",
      [hash],
    );
    const row = rows[0];
    return row ? { ...rowToKeyMeta(row), projectName: String(row.project_name) } : null;
  }

  async listKeys(projectId: string): Promise<KeyMeta[]> {
    const rows = await this.query("SELECT * FROM api_keys WHERE project_id = $1 ORDER BY created_at, id", [
      projectKey(projectId),
    ]);
    return rows.map(rowToKeyMeta);
  }

  async revokeKey(projectId: string, keyId: string): Promise<boolean> {
    const rows = await this.query("DELETE FROM api_keys WHERE project_id = $1 AND id = $2 RETURNING id", [
      projectKey(projectId),
      keyId,
    ]);
    return rows.length > 0;
  }

  async insertCalls(projectId: string, calls: readonly Call[]): Promise<InsertOutcome[]> {
    const pid = projectKey(projectId);
    if (calls.length === 0) return [];
    const outcomes = await pgTransaction(this.pool, (client) =>
      insertCallBatch(client, pid, calls, this.seqs),
    );
    this.statistics.wrote(calls.length);
    return outcomes;
  }

  async listCalls(projectId: string, query: CallsQuery): Promise<CallsPage> {
    const params: unknown[] = [projectKey(projectId)];
    const where: string[] = ["project_id = $1"];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const cursor = query.cursor ? decodeCursor(query.cursor) : null;
    if (cursor != null) where.push(`seq < ${param(cursor)}`);
    if (query.since) {
      const since = Date.parse(query.since);
      where.push(`seq >= ${param(seqFloor(since))} AND ts >= ${param(since)}`);
    }
    if (query.until) {
      const until = Date.parse(query.until);
      where.push(`seq < ${param(seqFloor(until + 1))} AND ts < ${param(until)}`);
    }
    for (const [column, value] of [
      ["route", query.route],
      ["model", query.model],
      ["status", query.status],
      ["user_id", query.userId],
      ["session_id", query.sessionId],
    ] as const) {
      if (value !== undefined) where.push(`${column} = ${param(value)}`);
    }
    if (query.tag !== undefined) where.push(`tags::jsonb ? ${param(query.tag)}`);
    const tsquery = query.q ? searchQuery(query.q) : null;
    if (query.label !== undefined) {
      where.push(
        `EXISTS (SELECT 1 FROM feedback fb WHERE fb.project_id = calls.project_id AND fb.call_id = calls.id AND fb.label = ${param(query.label)})`,
      );
    }
    const rows = tsquery
      ? await this.searchNewestFirst(where, params, tsquery, query.limit + 1)
      : ((await this.query(
          `SELECT ${callSelect} FROM calls WHERE ${where.join(" AND ")} ORDER BY seq DESC LIMIT ${param(query.limit + 1)}`,
          params,
        )) as CallRow[]);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      data: page.map(rowToCall),
      nextCursor: rows.length > query.limit && last ? encodeCursor(Number(last.seq)) : null,
    };
  }

  /**
   * Full-text search, newest first, whatever the planner's statistics say. Common words
   * are found among the newest rows (a walk of the seq index); only when those hold fewer
   * than a page does the GIN index gather the older matches, which are then few.
   */
  private async searchNewestFirst(
    where: string[],
    params: unknown[],
    tsquery: string,
    limit: number,
  ): Promise<CallRow[]> {
    const window = 5000;
    const filters = where.join(" AND ");
    const bounds = await this.query(
      `SELECT min(seq) AS lo, count(*) AS n FROM (SELECT seq FROM calls WHERE ${filters} ORDER BY seq DESC LIMIT ${window}) w`,
      params,
    );
    const lo = bounds[0]?.lo;
    if (lo == null) return [];
    const at = params.length;
    const recent = (await this.query(
      `SELECT ${callSelect} FROM calls WHERE ${filters} AND seq >= $${at + 1} AND search @@ $${at + 2}::tsquery
       ORDER BY seq DESC LIMIT ${limit}`,
      [...params, lo, tsquery],
    )) as CallRow[];
    if (recent.length >= limit || Number(bounds[0]?.n) < window) return recent;
    const older = (await this.query(
      `WITH matches AS MATERIALIZED (
         SELECT seq FROM calls WHERE ${filters} AND seq < $${at + 1} AND search @@ $${at + 2}::tsquery
       )
       SELECT ${callSelect} FROM calls
       WHERE seq IN (SELECT seq FROM matches ORDER BY seq DESC LIMIT ${limit - recent.length})
       ORDER BY seq DESC`,
      [...params, lo, tsquery],
    )) as CallRow[];
    return [...recent, ...older];
  }

  async getCall(projectId: string, id: string): Promise<Call | null> {
    const rows = await this.query(`SELECT ${callSelect} FROM calls WHERE project_id = $1 AND id = $2`, [
      projectKey(projectId),
      id,
    ]);
    return rows[0] ? rowToCall(rows[0] as CallRow) : null;
  }

  async countCalls(projectId: string): Promise<number> {
    const rows = await this.query("SELECT count(*) AS n FROM calls WHERE project_id = $1", [
      projectKey(projectId),
    ]);
    return Number(rows[0]?.n ?? 0);
  }

  async insertFeedback(projectId: string, feedback: readonly Feedback[]): Promise<InsertOutcome[]> {
    const pid = projectKey(projectId);
    const outcomes: InsertOutcome[] = feedback.map(() => "duplicate");
    const seen = new Map<string, number>();
    feedback.forEach((f, index) => {
      if (!seen.has(f.id)) seen.set(f.id, index);
    });
    const unique = [...seen.values()].map((index) => feedback[index]!);
    const stored = new Set<string>();
    for (let start = 0; start < unique.length; start += maxFeedbackPerInsert) {
      const chunk = unique.slice(start, start + maxFeedbackPerInsert);
      const rows = await this.query(insertFeedbackSql, [
        pid,
        ...columnArrays(
          chunk.map((f) => feedbackToValues(pid, f)),
          feedbackProjectIdColumn,
        ),
      ]);
      for (const row of rows) stored.add(String(row.id));
    }
    for (const [id, index] of seen) if (stored.has(id)) outcomes[index] = "stored";
    this.statistics.wrote(stored.size);
    return outcomes;
  }

  async listFeedbackForCall(projectId: string, callId: string): Promise<Feedback[]> {
    const rows = await this.query(
      `SELECT ${feedbackSelect} FROM feedback WHERE project_id = $1 AND call_id = $2 ORDER BY ts, id`,
      [projectKey(projectId), callId],
    );
    return (rows as FeedbackRow[]).map(rowToFeedback);
  }

  async deleteOrphanFeedbackBefore(cutoff: Date): Promise<number> {
    const rows = await this.query(
      `WITH gone AS (
         DELETE FROM feedback f WHERE f.ts < $1 AND NOT EXISTS
           (SELECT 1 FROM calls c WHERE c.project_id = f.project_id AND c.id = f.call_id)
         RETURNING 1
       ) SELECT count(*) AS n FROM gone`,
      [cutoff.getTime()],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async deleteCallsBefore(cutoff: Date): Promise<number> {
    // Chunks keep each transaction short; SKIP LOCKED lets two processes share the work.
    const sql = `
      WITH doomed AS (
        SELECT seq, project_id, id FROM calls WHERE ts < $1 LIMIT ${deleteChunk} FOR UPDATE SKIP LOCKED
      ), gone_feedback AS (
        DELETE FROM feedback f USING doomed d WHERE f.project_id = d.project_id AND f.call_id = d.id
      ), gone AS (
        DELETE FROM calls c USING doomed d WHERE c.seq = d.seq RETURNING 1
      )
      SELECT count(*) AS n FROM gone`;
    let deleted = 0;
    for (;;) {
      const rows = await this.query(sql, [cutoff.getTime()]);
      const n = Number(rows[0]?.n ?? 0);
      deleted += n;
      if (n < deleteChunk) return deleted;
    }
  }

  /** One statement on any pooled connection. */
  private async query(text: string, values: unknown[] = []): Promise<Row[]> {
    try {
      return (await this.pool.query<Row>(text, values)).rows;
    } catch (error) {
      throw asStorageError(error);
    }
  }
}

/** Project ids are bigint; a malformed one names no project. */
function projectKey(projectId: string): number {
  const id = Number(projectId);
  if (!/^\d+$/.test(projectId) || !Number.isSafeInteger(id)) {
    throw new GenchiError(
      "GENCHI_NOT_FOUND",
      `project '${projectId}' does not exist; use the id genchi returned`,
    );
  }
  return id;
}
