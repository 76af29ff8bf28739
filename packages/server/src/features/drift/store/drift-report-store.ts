/**
 * Stored DriftReports per project: the daily job's (one per route and UTC day, claimed with
 * INSERT … ON CONFLICT DO NOTHING so that only one server runs it) and on-demand ones (no day).
 * The report itself is kept as JSON; lists carry only its summary.
 */
import type { DriftReport } from "@genchi/spec";

export type DriftReportStatus = "running" | "done" | "failed";

export interface StoredDriftReportSummary {
  id: string;
  route: string;
  /** The UTC day a daily report covers (`2026-11-27`); null for on-demand reports. */
  day: string | null;
  baseline: string;
  status: DriftReportStatus;
  drifted: boolean | null;
  baselineCount: number | null;
  currentCount: number | null;
  /** Descriptors flagged (and uncovered topics), for the list. */
  flagged: string[];
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface StoredDriftReport extends StoredDriftReportSummary {
  report: DriftReport | null;
}

export interface DriftReportStore {
  /**
   * Claims the (route, day) run; true for exactly one caller. A claim still `running` after
   * `staleMs` (a crashed server) can be claimed again.
   */
  claim(
    projectId: string,
    route: string,
    day: string,
    baseline: string,
    staleMs?: number,
  ): Promise<{ id: string } | null>;
  /** Stores an on-demand report at once (status done). */
  insert(projectId: string, route: string, baseline: string, report: DriftReport): Promise<StoredDriftReport>;
  complete(projectId: string, id: string, report: DriftReport): Promise<void>;
  fail(projectId: string, id: string, error: string): Promise<void>;
  /** Newest first. */
  list(
    projectId: string,
    query: { route?: string | undefined; limit: number },
  ): Promise<StoredDriftReportSummary[]>;
  get(projectId: string, id: string): Promise<StoredDriftReport | null>;
}
