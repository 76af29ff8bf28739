/**
 * The StatsStore in plain SQL that SQLite and PostgreSQL both run: a backend passes how it
 * runs a query and how it writes parameter placeholders, nothing else.
 */
import type { Facets, FacetValue, FeedbackKind, FeedbackLabel, FeedbackSummary } from "@genchi/spec";
import { histogramColumns } from "./latency-histogram.js";
import { hourMs } from "./rollup-rows.js";
import type {
  FeedbackCell,
  FeedbackSummaryRange,
  RollupCell,
  RollupQuery,
  StatsStore,
} from "./stats-store.js";

type Row = Record<string, unknown>;

export interface SqlRunner {
  /** Runs one statement with positional parameters and returns its rows. */
  all(sql: string, params: readonly unknown[]): Promise<Row[]>;
  /** The placeholder for parameter number `n` (1-based): "?" or "$n". */
  placeholder(n: number): string;
}

/** Project ids are integers in both backends; anything else names no project (and matches nothing). */
const pid = (projectId: string): number => (/^\d+$/.test(projectId) ? Number(projectId) : -1);
const orNull = (v: unknown): string | null => (v == null || v === "" ? null : String(v));

export class SqlStatsStore implements StatsStore {
  constructor(private readonly sql: SqlRunner) {}

  async rollupCells(projectId: string, q: RollupQuery): Promise<RollupCell[]> {
    const params: unknown[] = [];
    const p = (value: unknown): string => {
      params.push(value);
      return this.sql.placeholder(params.length);
    };
    const table =
      q.bucketMs % hourMs === 0 && q.sinceMs % hourMs === 0 ? "call_rollups_hourly" : "call_rollups";
    const key = q.groupBy === "none" ? "NULL" : q.groupBy;
    // Placeholders are numbered in text order ("?" in SQLite): the SELECT list comes first.
    const bucket = `bucket_start_ms - ((bucket_start_ms - ${p(q.sinceMs)}) % ${p(q.bucketMs)})`;
    const where = [`project_id = ${p(pid(projectId))}`, `bucket_start_ms >= ${p(q.sinceMs)}`];
    where.push(`bucket_start_ms < ${p(q.untilMs)}`);
    if (q.route !== undefined) where.push(`route = ${p(q.route)}`);
    if (q.model !== undefined) where.push(`model = ${p(q.model)}`);
    const sums = ["calls", "errors", "input_tokens", "output_tokens", "cost_usd", ...histogramColumns]
      .map((c) => `sum(${c}) AS ${c}`)
      .join(", ");
    const rows = await this.sql.all(
      `SELECT ${bucket} AS b, ${key} AS k, ${sums} FROM ${table} WHERE ${where.join(" AND ")} GROUP BY ${q.groupBy === "none" ? "1" : "1, 2"}`,
      params,
    );
    return rows.map((row) => ({
      bucketStartMs: Number(row.b),
      key: orNull(row.k),
      calls: Number(row.calls),
      errors: Number(row.errors),
      inputTokens: Number(row.input_tokens),
      outputTokens: Number(row.output_tokens),
      costUsd: Number(row.cost_usd),
      histogram: histogramColumns.map((h) => Number(row[h])),
    }));
  }

  async facets(projectId: string, sinceMs: number, untilMs: number): Promise<Facets> {
    // Ranges over two days read whole hours: dropdown counts need no minute precision.
    const hourly = untilMs - sinceMs > 2 * 86_400_000;
    const table = hourly ? "call_rollups_hourly" : "call_rollups";
    const since = hourly ? sinceMs - (sinceMs % hourMs) : sinceMs;
    const range = `project_id = ${this.sql.placeholder(1)} AND bucket_start_ms >= ${this.sql.placeholder(2)} AND bucket_start_ms < ${this.sql.placeholder(3)}`;
    const params = [pid(projectId), since, untilMs];
    const values = async (column: string): Promise<FacetValue[]> =>
      (
        await this.sql.all(
          `SELECT ${column} AS v, sum(calls) AS n FROM ${table} WHERE ${range} GROUP BY ${column} ORDER BY 2 DESC, 1 LIMIT 500`,
          params,
        )
      ).map((row) => ({ value: orNull(row.v), calls: Number(row.n) }));
    const [routes, models, totals] = await Promise.all([
      values("route"),
      values("model"),
      this.sql.all(`SELECT sum(calls) AS calls, sum(errors) AS errors FROM ${table} WHERE ${range}`, params),
    ]);
    const calls = Number(totals[0]?.calls ?? 0);
    const errors = Number(totals[0]?.errors ?? 0);
    const statuses: FacetValue[] = [
      { value: "ok", calls: calls - errors },
      { value: "error", calls: errors },
    ]
      .filter((s) => s.calls > 0)
      .sort((a, b) => b.calls - a.calls);
    return { routes, models, statuses };
  }

  async feedbackSummary(projectId: string, range: FeedbackSummaryRange): Promise<FeedbackSummary> {
    const ph = (n: number) => this.sql.placeholder(n);
    const params: unknown[] = [pid(projectId), range.sinceMs, range.untilMs];
    let from = "feedback f";
    let onRoute = "";
    if (range.route !== undefined) {
      params.push(range.route);
      from += " JOIN calls c ON c.project_id = f.project_id AND c.id = f.call_id";
      onRoute = ` AND c.route = ${ph(4)}`;
    }
    const rows = await this.sql.all(
      `SELECT f.label AS label, f.kind AS kind, count(*) AS n FROM ${from}
       WHERE f.project_id = ${ph(1)} AND f.ts >= ${ph(2)} AND f.ts < ${ph(3)}${onRoute} GROUP BY f.label, f.kind`,
      params,
    );
    const byLabel = new Map<FeedbackLabel | null, number>();
    const byKind = new Map<FeedbackKind, number>();
    let total = 0;
    for (const row of rows) {
      const n = Number(row.n);
      const label = (row.label ?? null) as FeedbackLabel | null;
      const kind = row.kind as FeedbackKind;
      total += n;
      byLabel.set(label, (byLabel.get(label) ?? 0) + n);
      byKind.set(kind, (byKind.get(kind) ?? 0) + n);
    }
    return {
      total,
      byLabel: [...byLabel].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count),
      byKind: [...byKind].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count),
    };
  }

  async feedbackCells(
    projectId: string,
    range: FeedbackSummaryRange & { bucketMs: number },
  ): Promise<FeedbackCell[]> {
    const ph = (n: number) => this.sql.placeholder(n);
    const params: unknown[] = [pid(projectId), range.sinceMs, range.untilMs];
    let onRoute = "";
    if (range.route !== undefined) {
      params.push(range.route);
      onRoute = ` AND c.route = ${ph(4)}`;
    }
    // An integer of our own (statsRange), inlined: SQLite's `?` cannot be used twice.
    const bucket = Math.trunc(range.bucketMs);
    // Feedback on a call not stored (yet) still counts, under no route.
    const rows = await this.sql.all(
      `SELECT f.ts - (f.ts % ${bucket}) AS b, c.route AS route, f.label AS label, count(*) AS n
       FROM feedback f LEFT JOIN calls c ON c.project_id = f.project_id AND c.id = f.call_id
       WHERE f.project_id = ${ph(1)} AND f.ts >= ${ph(2)} AND f.ts < ${ph(3)} AND f.label IS NOT NULL${onRoute}
       GROUP BY f.ts - (f.ts % ${bucket}), c.route, f.label`,
      params,
    );
    return rows.map((r) => ({
      bucketStartMs: Number(r.b),
      route: r.route === null || r.route === undefined ? null : String(r.route),
      label: String(r.label),
      count: Number(r.n),
    }));
  }
}
