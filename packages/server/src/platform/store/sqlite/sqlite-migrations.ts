/**
 * The SQLite schema steps, in order: the core tables first, then each feature's own list.
 * Append only: never edit a released step (see ../migration.ts).
 */
import type { Migration } from "../migration.js";
import { sqliteStatsMigrations } from "../stats/stats-migrations.js";

const core: Migration[] = [
  {
    name: "0001-core",
    sql: `
  CREATE TABLE projects (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    kind TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    name TEXT,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER
  );
  CREATE TABLE calls (
    seq INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL,
    id TEXT NOT NULL,
    ts INTEGER NOT NULL,
    route TEXT,
    source TEXT NOT NULL,
    provider TEXT,
    requested_model TEXT,
    model TEXT,
    status TEXT NOT NULL,
    error TEXT,
    latency_ms REAL,
    ttft_ms REAL,
    input_tokens INTEGER,
    output_tokens INTEGER,
    cached_input_tokens INTEGER,
    usage_estimated INTEGER,
    cost_usd REAL,
    user_id TEXT,
    session_id TEXT,
    prompt_version TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    metadata TEXT NOT NULL DEFAULT '{}',
    shadow_of TEXT,
    finish_reason TEXT,
    trace_id TEXT,
    span_id TEXT,
    input TEXT NOT NULL,
    output TEXT
  );
  CREATE UNIQUE INDEX calls_project_id ON calls (project_id, id);
  CREATE INDEX calls_project_seq ON calls (project_id, seq);
  CREATE INDEX calls_project_route_seq ON calls (project_id, route, seq);
  CREATE INDEX calls_project_model_seq ON calls (project_id, model, seq);
  CREATE VIRTUAL TABLE calls_fts USING fts5 (
    body, content = '', contentless_delete = 1, detail = none, tokenize = 'unicode61 remove_diacritics 2'
  );
  CREATE TABLE feedback (
    project_id INTEGER NOT NULL,
    id TEXT NOT NULL,
    call_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT,
    edited_output TEXT,
    comment TEXT,
    user_id TEXT,
    ts INTEGER NOT NULL,
    label TEXT,
    metadata TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (project_id, id)
  );
  CREATE INDEX feedback_project_call ON feedback (project_id, call_id);
  `,
  },
];

/**
 * The steps of the tables every feature stands on (projects, keys, calls, feedback and the
 * call rollups), in order. Each feature's own steps follow, from its `StorePart`.
 */
export const coreSqliteMigrations: readonly Migration[] = [...core, ...sqliteStatsMigrations];
