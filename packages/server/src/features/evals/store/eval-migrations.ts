/** Schema of stored eval runs: one row per run (running totals, summary tables) and its results in arrival order. */
import type { Migration } from "../../../platform/store/migration.js";

export const sqliteEvalMigrations: Migration[] = [
  {
    name: "evals-0001-runs",
    sql: `
  CREATE TABLE eval_runs (
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    description TEXT NOT NULL,
    config_name TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'failed')),
    started_at INTEGER NOT NULL,
    finished_at INTEGER,
    providers TEXT NOT NULL,
    total INTEGER,
    result_count INTEGER NOT NULL DEFAULT 0,
    passed INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0,
    summary TEXT NOT NULL DEFAULT '{}',
    repeat_metrics TEXT NOT NULL DEFAULT '[]',
    metadata TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (project_id, id)
  );
  CREATE INDEX eval_runs_project_started ON eval_runs (project_id, started_at, id);
  CREATE INDEX eval_runs_project_config ON eval_runs (project_id, config_name, started_at);
  CREATE TABLE eval_results (
    project_id INTEGER NOT NULL,
    run_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    pass INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (project_id, run_id, idx)
  ) WITHOUT ROWID;
  CREATE INDEX eval_results_failed ON eval_results (project_id, run_id, pass, idx);`,
  },
];

export const postgresEvalMigrations: Migration[] = [
  {
    name: "evals-0001-runs",
    sql: `
  CREATE TABLE eval_runs (
    project_id bigint NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    started_at bigint NOT NULL,
    finished_at bigint,
    total bigint,
    result_count bigint NOT NULL DEFAULT 0,
    passed bigint NOT NULL DEFAULT 0,
    failed bigint NOT NULL DEFAULT 0,
    errors bigint NOT NULL DEFAULT 0,
    id text NOT NULL,
    description text NOT NULL,
    config_name text NOT NULL,
    status text NOT NULL CHECK (status IN ('running', 'finished', 'failed')),
    providers json NOT NULL,
    summary json NOT NULL DEFAULT '{}',
    repeat_metrics json NOT NULL DEFAULT '[]',
    metadata json NOT NULL DEFAULT '{}',
    PRIMARY KEY (project_id, id)
  );
  CREATE INDEX eval_runs_project_started ON eval_runs (project_id, started_at, id);
  CREATE INDEX eval_runs_project_config ON eval_runs (project_id, config_name, started_at);
  CREATE TABLE eval_results (
    project_id bigint NOT NULL,
    idx bigint NOT NULL,
    pass boolean NOT NULL,
    run_id text NOT NULL,
    body json NOT NULL,
    PRIMARY KEY (project_id, run_id, idx)
  );
  CREATE INDEX eval_results_failed ON eval_results (project_id, run_id, pass, idx);`,
  },
];
