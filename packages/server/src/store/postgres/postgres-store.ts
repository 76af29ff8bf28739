/**
 * The PostgreSQL store, for teams: several server processes share one database. Each
 * insert batch is one transaction (committed before the promise resolves) with one
 * `INSERT … SELECT FROM unnest(…)` per up to 1,000 rows; `ON CONFLICT DO NOTHING RETURNING`
 * tells stored rows from duplicates and seq collisions with other processes.
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
  callToValues,
  type FeedbackRow,
  feedbackColumns,
  feedbackToValues,
  rowToCall,
  rowToFeedback,
} from "../call-row.js";
import { decodeCursor, encodeCursor, SeqAllocator, seqFloor } from "../call-seq.js";
import type { InsertOutcome, KeyRecord, NewKey, Store } from "../store.js";
import { postgresMigrations } from "./postgres-migrations.js";
import { searchDocument, searchQuery } from "./search-words.js";
import { asStorageError } from "./storage-error.js";

type Row = Record<string, unknown>;
type CallColumn = (typeof callColumns)[number];
type FeedbackColumn = (typeof feedbackColumns)[number];

export interface PostgresStoreOptions {
  /** A `postgres://` URL. */
  connectionString: string;
  /** Connections per process; several processes share the server's `max_connections`. Default 10. */
  maxConnections?: number;
  /** Longest a statement may run, in ms. Default 30,000. Migrations run without a limit. */
  statementTimeoutMs?: number;
  /** Where this process starts counting seqs within a millisecond; random by default. Tests pin it. */
  seqSalt?: number;
}

/** Any number; the same key in every genchi process, so only one migrates at a time. */
const migrationLockKey = 0x67656e636869; // "genchi"
/** Rows per INSERT statement: keeps a 10,000-call batch's parameters a sensible size. */
const maxRowsPerInsert = 1000;
/** Collision rounds before giving up; seqs step by 1, then by growing strides after 8 rounds. */
const maxSeqRounds = 40;
const deleteChunk = 5000;

const callTypes: Record<CallColumn, string> = {
  seq: "bigint",
  project_id: "bigint",
  id: "text",
  ts: "bigint",
  route: "text",
  source: "text",
  provider: "text",
  requested_model: "text",
  model: "text",
  status: "text",
  error: "text",
  latency_ms: "float8",
  ttft_ms: "float8",
  input_tokens: "bigint",
  output_tokens: "bigint",
  cached_input_tokens: "bigint",
  usage_estimated: "int2",
  cost_usd: "float8",
  user_id: "text",
  session_id: "text",
  prompt_version: "text",
  tags: "json",
  metadata: "json",
  shadow_of: "text",
  finish_reason: "text",
  trace_id: "text",
  span_id: "text",
  input: "json",
  output: "json",
};

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
const callProjectIdColumn = callColumns.indexOf("project_id");
const feedbackProjectIdColumn = feedbackColumns.indexOf("project_id");
const callSeqColumn = callColumns.indexOf("seq");
const feedbackSelect = feedbackColumns.join(", ");

/** `INSERT … SELECT $1, r.* FROM unnest($2::t[], …)`: one parameter per column, not per value. */
function unnestInsert(
  table: string,
  columns: readonly string[],
  types: Record<string, string>,
  extra = "",
): string {
  const rest = columns.filter((c) => c !== "project_id");
  const arrays = rest.map((c, i) => `$${i + 2}::${types[c]}[]`);
  const names = [...rest];
  if (extra) {
    arrays.push(`$${rest.length + 2}::text[]`);
    names.push("body");
  }
  return `INSERT INTO ${table} (project_id, ${rest.join(", ")}${extra ? ", search" : ""})
    SELECT $1::bigint, ${rest.map((c) => `r.${c}`).join(", ")}${extra ? `, ${extra}` : ""}
    FROM unnest(${arrays.join(", ")}) AS r (${names.join(", ")})
    ON CONFLICT DO NOTHING`;
}

const insertCallsSql = `${unnestInsert(
  "calls",
  callColumns,
  callTypes,
  "array_to_tsvector(string_to_array(r.body, ' '))",
)}
  RETURNING seq, id`;
const insertFeedbackSql = `${unnestInsert("feedback", feedbackColumns, feedbackTypes)} RETURNING id`;

/** json/jsonb come back as text: `rowToCall` parses them (a JSON string must not be parsed twice). */
const rawJson = (value: string): string => value;
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === 114 || oid === 3802
      ? rawJson
      : pg.types.getTypeParser(oid, format ?? "text")) as typeof pg.types.getTypeParser,
};

/** One call on its way in: its slot in the batch, its seq (bumped on collision) and its column values. */
interface PendingCall {
  index: number;
  id: string;
  values: unknown[];
  body: string;
}

export class PostgresStore implements Store {
  readonly backend = "postgres" as const;
  private readonly pool: pg.Pool;
  private readonly seqs: SeqAllocator;
  private closed = false;

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
  }

  async migrate(): Promise<void> {
    await this.transaction(async (client) => {
      await client.query("SET LOCAL statement_timeout = 0");
      await client.query("SELECT pg_advisory_xact_lock($1)", [migrationLockKey]);
      await client.query(
        "CREATE TABLE IF NOT EXISTS genchi_migrations (version integer PRIMARY KEY, applied_at bigint NOT NULL)",
      );
      const { rows } = await client.query(
        "SELECT coalesce(max(version), 0) AS version FROM genchi_migrations",
      );
      const version = Number(rows[0]?.version ?? 0);
      for (let step = version; step < postgresMigrations.length; step++) {
        await client.query(postgresMigrations[step]!);
        await client.query("INSERT INTO genchi_migrations (version, applied_at) VALUES ($1, $2)", [
          step + 1,
          Date.now(),
        ]);
      }
    }, false);
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
    return rows[0] ? toProject(rows[0]) : null;
  }

  async listProjects(): Promise<Project[]> {
    return (await this.query("SELECT * FROM projects ORDER BY id")).map(toProject);
  }

  async createKey(key: NewKey): Promise<KeyMeta> {
    const id = `key_${key.prefix.slice(-8)}_${Date.now().toString(36)}`;
    const rows = await this.query(
      `INSERT INTO api_keys (id, project_id, kind, hash, prefix, name, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [id, projectKey(key.projectId), key.kind, key.hash, key.prefix, key.name, Date.now()],
    );
    return toKeyMeta(rows[0]!);
  }

  async findKeyByHash(hash: string): Promise<KeyRecord | null> {
    const rows = await this.query(
      "SELECT k.*, p.name AS project_name FROM api_keys k JOIN projects p ON p.id = k.project_id WHERE k.hash = $1",
      [hash],
    );
    const row = rows[0];
    return row ? { ...toKeyMeta(row), projectName: String(row.project_name) } : null;
  }

  async listKeys(projectId: string): Promise<KeyMeta[]> {
    const rows = await this.query("SELECT * FROM api_keys WHERE project_id = $1 ORDER BY created_at, id", [
      projectKey(projectId),
    ]);
    return rows.map(toKeyMeta);
  }

  async insertCalls(projectId: string, calls: readonly Call[]): Promise<InsertOutcome[]> {
    const pid = projectKey(projectId);
    if (calls.length === 0) return [];
    return this.transaction(async (client) => {
      const outcomes: InsertOutcome[] = calls.map(() => "duplicate");
      const taken = new Set<number>();
      const claim = (seq: number): number => {
        let free = seq;
        while (taken.has(free)) free++;
        taken.add(free);
        return free;
      };
      // A repeated id within the batch: the first is stored, later ones are duplicates.
      const seen = new Set<string>();
      let pending: PendingCall[] = [];
      calls.forEach((call, index) => {
        if (seen.has(call.id)) return;
        seen.add(call.id);
        const seq = claim(this.seqs.next(Date.parse(call.timestamp)));
        pending.push({
          index,
          id: call.id,
          values: callToValues(pid, seq, call),
          body: searchDocument(call),
        });
      });
      for (let round = 0; pending.length > 0; round++) {
        if (round >= maxSeqRounds) {
          throw new GenchiError(
            "GENCHI_STORAGE",
            "could not find free call seqs after many retries; retry later",
          );
        }
        const stored = new Set<string>();
        for (let start = 0; start < pending.length; start += maxRowsPerInsert) {
          const chunk = pending.slice(start, start + maxRowsPerInsert);
          const result = await client.query({
            name: "genchi_insert_calls",
            text: insertCallsSql,
            values: [
              pid,
              ...columnArrays(
                chunk.map((p) => p.values),
                callProjectIdColumn,
              ),
              chunk.map((p) => p.body),
            ],
          });
          for (const row of result.rows) stored.add(String(row.id));
        }
        const missed = pending.filter((p) => {
          if (!stored.has(p.id)) return true;
          outcomes[p.index] = "stored";
          return false;
        });
        if (missed.length === 0) break;
        // Not stored: either the id is already there (duplicate), or the seq was taken by
        // another process; those move on to a later seq and go again.
        const existing = await client.query(
          "SELECT id FROM calls WHERE project_id = $1 AND id = ANY($2::text[])",
          [pid, missed.map((p) => p.id)],
        );
        const duplicates = new Set(existing.rows.map((row) => String(row.id)));
        pending = missed.filter((p) => !duplicates.has(p.id));
        const stride = round < 8 ? 1 : 2 ** Math.min(round - 7, 20);
        for (const p of pending) p.values[callSeqColumn] = claim(Number(p.values[callSeqColumn]) + stride);
      }
      return outcomes;
    });
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
    const tsquery = query.q ? searchQuery(query.q) : null;
    if (tsquery) where.push(`search @@ ${param(tsquery)}::tsquery`);
    const sql = `SELECT ${callSelect} FROM calls WHERE ${where.join(" AND ")} ORDER BY seq DESC LIMIT ${param(query.limit + 1)}`;
    const rows = (await this.query(sql, params)) as CallRow[];
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      data: page.map(rowToCall),
      nextCursor: rows.length > query.limit && last ? encodeCursor(Number(last.seq)) : null,
    };
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
    for (let start = 0; start < unique.length; start += maxRowsPerInsert) {
      const chunk = unique.slice(start, start + maxRowsPerInsert);
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
    return outcomes;
  }

  async listFeedbackForCall(projectId: string, callId: string): Promise<Feedback[]> {
    const rows = await this.query(
      `SELECT ${feedbackSelect} FROM feedback WHERE project_id = $1 AND call_id = $2 ORDER BY ts, id`,
      [projectKey(projectId), callId],
    );
    return (rows as FeedbackRow[]).map(rowToFeedback);
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

  /** Runs `work` in a transaction; retried (twice) on a deadlock or serialization failure. */
  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>, retry = true): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let client: pg.PoolClient;
      try {
        client = await this.pool.connect();
      } catch (error) {
        throw asStorageError(error);
      }
      try {
        await client.query("BEGIN");
        const result = await work(client);
        await client.query("COMMIT");
        client.release();
        return result;
      } catch (error) {
        const broken = await client.query("ROLLBACK").then(
          () => false,
          () => true,
        );
        client.release(broken);
        const code = (error as { code?: unknown }).code;
        if (retry && attempt < 3 && (code === "40P01" || code === "40001")) continue;
        throw asStorageError(error);
      }
    }
  }
}

/** Columns of rows (`values[row][column]`) as arrays for unnest, without project_id (a parameter of its own). */
function columnArrays(rows: readonly unknown[][], projectIdColumn: number): unknown[][] {
  const width = rows[0]?.length ?? 0;
  const columns: unknown[][] = [];
  for (let c = 0; c < width; c++) {
    if (c === projectIdColumn) continue;
    columns.push(rows.map((row) => noNul(row[c])));
  }
  return columns;
}

/** PostgreSQL text cannot hold U+0000; JSON text is safe (JSON.stringify escapes it). */
function noNul(value: unknown): unknown {
  return typeof value === "string" && value.includes("\u0000") ? value.replaceAll("\u0000", "\uFFFD") : value;
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
