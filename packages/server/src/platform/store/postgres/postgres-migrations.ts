/**
 * Versioned PostgreSQL migrations, the same tables as SQLite's. Append only: never edit a
 * released step; steps are recorded by name in `genchi_migrations` (see ../migration.ts).
 */

import type { Migration } from "../migration.js";
import { postgresStatsMigrations } from "../stats/stats-migrations.js";

const core: Migration[] = [
  {
    name: "0001-core",
    sql: `
  CREATE TABLE projects (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE,
    created_at bigint NOT NULL
  );
  CREATE TABLE api_keys (
    id text PRIMARY KEY,
    project_id bigint NOT NULL REFERENCES projects (id),
    kind text NOT NULL,
    hash text NOT NULL UNIQUE,
    prefix text NOT NULL,
    name text,
    created_at bigint NOT NULL,
    last_used_at bigint
  );
  CREATE INDEX api_keys_project ON api_keys (project_id, created_at);

  -- Fixed-width columns first (no alignment padding); JSON columns are json, not jsonb,
  -- so they keep the exact text sent and accept any string JSON.stringify makes.
  CREATE TABLE calls (
    seq bigint PRIMARY KEY,
    project_id bigint NOT NULL,
    ts bigint NOT NULL,
    latency_ms double precision,
    ttft_ms double precision,
    input_tokens bigint,
    output_tokens bigint,
    cached_input_tokens bigint,
    cost_usd double precision,
    usage_estimated smallint,
    id text NOT NULL,
    route text,
    source text NOT NULL,
    provider text,
    requested_model text,
    model text,
    status text NOT NULL,
    error text,
    user_id text,
    session_id text,
    prompt_version text,
    tags json NOT NULL DEFAULT '[]',
    metadata json NOT NULL DEFAULT '{}',
    shadow_of text,
    finish_reason text,
    trace_id text,
    span_id text,
    input json NOT NULL,
    output json,
    search tsvector NOT NULL
  );
  CREATE UNIQUE INDEX calls_project_id ON calls (project_id, id);
  CREATE INDEX calls_project_seq ON calls (project_id, seq);
  CREATE INDEX calls_project_route_seq ON calls (project_id, route, seq);
  CREATE INDEX calls_project_model_seq ON calls (project_id, model, seq);
  CREATE INDEX calls_ts ON calls (ts);
  CREATE INDEX calls_search ON calls USING gin (search);

  CREATE TABLE feedback (
    project_id bigint NOT NULL,
    ts bigint NOT NULL,
    id text NOT NULL,
    call_id text NOT NULL,
    kind text NOT NULL,
    value json,
    edited_output text,
    comment text,
    user_id text,
    label text,
    metadata json NOT NULL DEFAULT '{}',
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
export const corePostgresMigrations: readonly Migration[] = [...core, ...postgresStatsMigrations];
