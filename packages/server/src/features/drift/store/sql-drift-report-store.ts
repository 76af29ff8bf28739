/** The DriftReportStore in SQL both SQLite and PostgreSQL run (through a SqlRunner). */
import { randomUUID } from "node:crypto";
import type { DriftReport } from "@genchi/spec";
import type { Row, SqlRunner } from "../../../platform/store/sql-runner.js";
import type {
  DriftReportStatus,
  DriftReportStore,
  StoredDriftReport,
  StoredDriftReportSummary,
} from "./drift-report-store.js";

const summaryColumns =
  "id, route, day, baseline, status, drifted, baseline_count, current_count, flagged, error, created_at, finished_at";

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(Number(v)).toISOString());
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function summaryOf(r: Row): StoredDriftReportSummary {
  return {
    id: String(r["id"]),
    route: String(r["route"]),
    day: r["day"] === null ? null : String(r["day"]),
    baseline: String(r["baseline"]),
    status: r["status"] as DriftReportStatus,
    drifted: r["drifted"] === null || r["drifted"] === undefined ? null : Number(r["drifted"]) === 1,
    baselineCount: num(r["baseline_count"]),
    currentCount: num(r["current_count"]),
    flagged: JSON.parse(String(r["flagged"] ?? "[]")) as string[],
    error: r["error"] === null || r["error"] === undefined ? null : String(r["error"]),
    createdAt: iso(r["created_at"]) as string,
    finishedAt: iso(r["finished_at"]),
  };
}

/** What the list shows of a report: flagged descriptors (side and name) and uncovered topics. */
export function flaggedOf(report: DriftReport): string[] {
  return [
    ...report.findings.filter((f) => f.drifted).map((f) => `${f.side}.${f.descriptor}`),
    ...report.clusters.filter((c) => c.uncovered).map((c) => `topic: ${c.terms.slice(0, 3).join(", ")}`),
  ];
}

export class SqlDriftReportStore implements DriftReportStore {
  constructor(private readonly db: SqlRunner) {}

  async claim(projectId: string, route: string, day: string, baseline: string, staleMs = 3_600_000) {
    const now = Date.now();
    const changed = await this.db.run(
      `INSERT INTO drift_reports (id, project_id, route, day, baseline, status, created_at)
       VALUES (?, ?, ?, ?, ?, 'running', ?)
       ON CONFLICT (project_id, route, day) DO UPDATE SET created_at = excluded.created_at, error = NULL
       WHERE drift_reports.status = 'running' AND drift_reports.created_at < ?`,
      [randomUUID(), Number(projectId), route, day, baseline, now, now - staleMs],
    );
    if (changed === 0) return null;
    const rows = await this.db.all(
      "SELECT id FROM drift_reports WHERE project_id = ? AND route = ? AND day = ?",
      [Number(projectId), route, day],
    );
    return rows[0] ? { id: String(rows[0]["id"]) } : null;
  }

  async insert(projectId: string, route: string, baseline: string, report: DriftReport) {
    const id = randomUUID();
    const now = Date.now();
    await this.db.run(
      `INSERT INTO drift_reports (id, project_id, route, day, baseline, status, drifted, baseline_count,
         current_count, flagged, report, created_at, finished_at)
       VALUES (?, ?, ?, NULL, ?, 'done', ?, ?, ?, ?, ?, ?, ?)`,
      [
        id,
        Number(projectId),
        route,
        baseline,
        report.drifted ? 1 : 0,
        report.baselineCount,
        report.currentCount,
        JSON.stringify(flaggedOf(report)),
        JSON.stringify(report),
        now,
        now,
      ],
    );
    return (await this.get(projectId, id)) as StoredDriftReport;
  }

  async complete(projectId: string, id: string, report: DriftReport): Promise<void> {
    await this.db.run(
      `UPDATE drift_reports SET status = 'done', drifted = ?, baseline_count = ?, current_count = ?,
         flagged = ?, report = ?, error = NULL, finished_at = ? WHERE project_id = ? AND id = ?`,
      [
        report.drifted ? 1 : 0,
        report.baselineCount,
        report.currentCount,
        JSON.stringify(flaggedOf(report)),
        JSON.stringify(report),
        Date.now(),
        Number(projectId),
        id,
      ],
    );
  }

  async fail(projectId: string, id: string, error: string): Promise<void> {
    await this.db.run(
      "UPDATE drift_reports SET status = 'failed', error = ?, finished_at = ? WHERE project_id = ? AND id = ?",
      [error.slice(0, 4000), Date.now(), Number(projectId), id],
    );
  }

  async list(projectId: string, query: { route?: string | undefined; limit: number }) {
    const rows = await this.db.all(
      `SELECT ${summaryColumns} FROM drift_reports WHERE project_id = ?${query.route !== undefined ? " AND route = ?" : ""}
       ORDER BY created_at DESC, id DESC LIMIT ?`,
      [Number(projectId), ...(query.route !== undefined ? [query.route] : []), query.limit],
    );
    return rows.map(summaryOf);
  }

  async get(projectId: string, id: string): Promise<StoredDriftReport | null> {
    const rows = await this.db.all(
      `SELECT ${summaryColumns}, report FROM drift_reports WHERE project_id = ? AND id = ?`,
      [Number(projectId), id],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      ...summaryOf(r),
      report: r["report"] === null ? null : (JSON.parse(String(r["report"])) as DriftReport),
    };
  }
}
