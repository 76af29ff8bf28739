/**
 * Schema of the review queue: failure modes, annotations and their tags, the daily queue with
 * locks, what each reviewer was offered, and assertions added to route suites.
 */
import type { Migration } from "../../../platform/store/migration.js";

/** The same tables on both backends; only the integer and id column types differ. */
const schema = (int: string, project: string) => `
  CREATE TABLE failure_modes (
    project_id ${project} NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at ${int} NOT NULL,
    PRIMARY KEY (project_id, id),
    UNIQUE (project_id, name)
  );
  CREATE TABLE annotations (
    project_id ${project} NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    call_id TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('pass', 'fail')),
    note TEXT,
    correction TEXT,
    created_at ${int} NOT NULL,
    PRIMARY KEY (project_id, call_id, reviewer)
  );
  CREATE INDEX annotations_by_reviewer ON annotations (project_id, reviewer, created_at);
  CREATE TABLE annotation_tags (
    project_id ${project} NOT NULL,
    call_id TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    mode_id TEXT NOT NULL,
    PRIMARY KEY (project_id, call_id, reviewer, mode_id)
  );
  CREATE INDEX annotation_tags_by_mode ON annotation_tags (project_id, mode_id);
  CREATE TABLE review_items (
    project_id ${project} NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    call_id TEXT NOT NULL,
    position ${int} NOT NULL,
    strategy TEXT NOT NULL,
    locked_by TEXT,
    lock_expires ${int},
    done_by TEXT,
    done_at ${int},
    PRIMARY KEY (project_id, day, call_id)
  );
  CREATE INDEX review_items_by_call ON review_items (project_id, call_id);
  CREATE TABLE review_offers (
    project_id ${project} NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    reviewer TEXT NOT NULL,
    call_id TEXT NOT NULL,
    offered_at ${int} NOT NULL,
    PRIMARY KEY (project_id, reviewer, call_id)
  );
  CREATE TABLE suite_assertions (
    project_id ${project} NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    route TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    assertion TEXT NOT NULL,
    source_call_id TEXT,
    created_at ${int} NOT NULL,
    PRIMARY KEY (project_id, id)
  );`;

/** Per-project webhook reminder, and the days it was sent (one row per day: sent once, by one process). */
const reminders = (int: string, project: string) => `
  CREATE TABLE review_reminders (
    project_id ${project} PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
    webhook_url TEXT NOT NULL,
    hour_utc ${int} NOT NULL CHECK (hour_utc >= 0 AND hour_utc <= 23),
    updated_at ${int} NOT NULL
  );
  CREATE TABLE review_reminders_sent (
    project_id ${project} NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    sent_at ${int} NOT NULL,
    PRIMARY KEY (project_id, day)
  );`;

export const sqliteReviewMigrations: Migration[] = [
  { name: "review-0001-queue", sql: schema("INTEGER", "INTEGER") },
  { name: "review-0002-reminders", sql: reminders("INTEGER", "INTEGER") },
];

export const postgresReviewMigrations: Migration[] = [
  { name: "review-0001-queue", sql: schema("bigint", "bigint") },
  { name: "review-0002-reminders", sql: reminders("bigint", "bigint") },
];
