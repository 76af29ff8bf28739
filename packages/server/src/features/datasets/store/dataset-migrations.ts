/** Schema of datasets and their items (items in the order they were added, with provenance). */
import type { Migration } from "../../../platform/store/migration.js";

export const sqliteDatasetMigrations: Migration[] = [
  {
    name: "datasets-0001-items",
    sql: `
  CREATE TABLE datasets (
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    route TEXT,
    description TEXT NOT NULL DEFAULT '',
    next_idx INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (project_id, id),
    UNIQUE (project_id, name)
  );
  CREATE TABLE dataset_items (
    project_id INTEGER NOT NULL,
    dataset_id TEXT NOT NULL,
    id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    vars TEXT NOT NULL,
    expected TEXT,
    source_call_id TEXT,
    metadata TEXT NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL,
    PRIMARY KEY (project_id, dataset_id, id)
  );
  CREATE INDEX dataset_items_order ON dataset_items (project_id, dataset_id, idx);
  CREATE INDEX dataset_items_source ON dataset_items (project_id, source_call_id);`,
  },
];

export const postgresDatasetMigrations: Migration[] = [
  {
    name: "datasets-0001-items",
    sql: `
  CREATE TABLE datasets (
    project_id bigint NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    next_idx bigint NOT NULL DEFAULT 0,
    created_at bigint NOT NULL,
    id text NOT NULL,
    name text NOT NULL,
    route text,
    description text NOT NULL DEFAULT '',
    PRIMARY KEY (project_id, id),
    UNIQUE (project_id, name)
  );
  CREATE TABLE dataset_items (
    project_id bigint NOT NULL,
    idx bigint NOT NULL,
    created_at bigint NOT NULL,
    dataset_id text NOT NULL,
    id text NOT NULL,
    vars json NOT NULL,
    expected json,
    source_call_id text,
    metadata json NOT NULL DEFAULT '{}',
    PRIMARY KEY (project_id, dataset_id, id)
  );
  CREATE INDEX dataset_items_order ON dataset_items (project_id, dataset_id, idx);
  CREATE INDEX dataset_items_source ON dataset_items (project_id, source_call_id);`,
  },
];
