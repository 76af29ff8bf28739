/** Schema of stored DriftReports: one row per report, unique per (project, route, day) for the daily job. */
import type { Migration } from "../../../platform/store/migration.js";

const table = (idType: string, big: string) => `
  CREATE TABLE drift_reports (
    id TEXT PRIMARY KEY,
    project_id ${idType} NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    route TEXT NOT NULL,
    day TEXT,
    baseline TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    drifted INTEGER,
    baseline_count INTEGER,
    current_count INTEGER,
    flagged TEXT NOT NULL DEFAULT '[]',
    report TEXT,
    error TEXT,
    created_at ${big} NOT NULL,
    finished_at ${big}
  );
  CREATE UNIQUE INDEX drift_reports_daily ON drift_reports (project_id, route, day);
  CREATE INDEX drift_reports_recent ON drift_reports (project_id, created_at);`;

export const sqliteDriftReportMigrations: Migration[] = [
  { name: "drift-0001-reports", sql: table("INTEGER", "INTEGER") },
];

export const postgresDriftReportMigrations: Migration[] = [
  { name: "drift-0001-reports", sql: table("bigint", "bigint") },
];
