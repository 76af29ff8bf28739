/** Schema of the model registry: per-project pin policy and pins, and shadow routes set through the API. */
import type { Migration } from "../../../platform/store/migration.js";

export const sqliteModelMigrations: Migration[] = [
  {
    name: "models-0001-pins",
    sql: `
  CREATE TABLE model_policies (
    project_id INTEGER PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
    policy TEXT NOT NULL CHECK (policy IN ('off', 'warn', 'resolve', 'reject')),
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE model_pins (
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    scope TEXT NOT NULL CHECK (scope IN ('route', 'alias')),
    name TEXT NOT NULL,
    pinned TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (project_id, scope, name)
  );`,
  },
  {
    name: "models-0002-shadow-routes",
    sql: `
  CREATE TABLE shadow_routes (
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    route TEXT NOT NULL,
    candidate TEXT NOT NULL,
    system_prompt TEXT,
    sample_rate REAL NOT NULL CHECK (sample_rate >= 0 AND sample_rate <= 1),
    suite TEXT,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (project_id, route)
  );`,
  },
];

export const postgresModelMigrations: Migration[] = [
  {
    name: "models-0001-pins",
    sql: `
  CREATE TABLE model_policies (
    project_id bigint PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
    policy text NOT NULL CHECK (policy IN ('off', 'warn', 'resolve', 'reject')),
    updated_at bigint NOT NULL
  );
  CREATE TABLE model_pins (
    project_id bigint NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    scope text NOT NULL CHECK (scope IN ('route', 'alias')),
    name text NOT NULL,
    pinned text NOT NULL,
    updated_at bigint NOT NULL,
    PRIMARY KEY (project_id, scope, name)
  );`,
  },
  {
    name: "models-0002-shadow-routes",
    sql: `
  CREATE TABLE shadow_routes (
    project_id bigint NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    route text NOT NULL,
    candidate text NOT NULL,
    system_prompt text,
    sample_rate double precision NOT NULL CHECK (sample_rate >= 0 AND sample_rate <= 1),
    suite text,
    updated_at bigint NOT NULL,
    PRIMARY KEY (project_id, route)
  );`,
  },
];
