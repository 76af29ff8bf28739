/** The EvalStore in SQL both SQLite and PostgreSQL run (see ../sql-runner.ts). */
import { uuidv7 } from "@genchi/sdk";
import {
  type EvalResult,
  type EvalResultsPage,
  type EvalResultsQuery,
  type EvalRun,
  type EvalRunCreate,
  type EvalRunFinish,
  type EvalRunsPage,
  type EvalRunsQuery,
  evalRunCreateSchema,
  evalRunFinishSchema,
  GenchiError,
  type StoredEvalResult,
} from "@genchi/spec";
import type { Row, SqlRunner, Statement } from "../../../platform/store/sql-runner.js";
import type { EvalStore } from "./eval-store.js";

/** Rows per INSERT statement (5 parameters each: well under both backends' limits). */
const rowsPerInsert = 1000;

const json = (v: unknown): Record<string, unknown> => {
  if (typeof v === "string") return JSON.parse(v) as Record<string, unknown>;
  return (v ?? {}) as Record<string, unknown>;
};
const list = (v: unknown): unknown[] => (typeof v === "string" ? (JSON.parse(v) as unknown[]) : []);
const iso = (ms: unknown) => new Date(Number(ms)).toISOString();

function rowToRun(r: Row): EvalRun {
  const summary = json(r["summary"]);
  const passed = Number(r["passed"]);
  const failed = Number(r["failed"]);
  const errors = Number(r["errors"]);
  const n = passed + failed + errors;
  return {
    id: String(r["id"]),
    description: String(r["description"]),
    configName: String(r["config_name"]),
    status: r["status"] as EvalRun["status"],
    startedAt: iso(r["started_at"]),
    finishedAt: r["finished_at"] == null ? null : iso(r["finished_at"]),
    providers: json(r["providers"]) as unknown as string[],
    total: r["total"] == null ? null : Number(r["total"]),
    stats: { passed, failed, errors },
    passRate: n === 0 ? null : passed / n,
    providerTable: (summary["providerTable"] ?? []) as EvalRun["providerTable"],
    flakyTests: typeof summary["flakyTests"] === "number" ? summary["flakyTests"] : null,
    repeatMetrics: list(r["repeat_metrics"]) as EvalRun["repeatMetrics"],
    recommendation: (summary["recommendation"] ?? null) as EvalRun["recommendation"],
    metadata: json(r["metadata"]),
  };
}

/** Lists leave out the repeat metrics (up to thousands of rows per run); one run has them. */
const listColumns =
  "id, description, config_name, status, started_at, finished_at, providers, total, passed, failed, errors, summary, metadata";
const runColumns = `${listColumns}, repeat_metrics`;

/** Runs cursor: `<started_at ms>.<id>` of the last run of the page. */
function parseRunCursor(cursor: string): [number, string] {
  const dot = cursor.indexOf(".");
  const ms = Number(cursor.slice(0, dot));
  if (dot < 1 || !Number.isInteger(ms))
    throw new GenchiError("GENCHI_VALIDATION", "cursor: pass the nextCursor of the previous page", {
      field: "cursor",
    });
  return [ms, cursor.slice(dot + 1)];
}

export class SqlEvalStore implements EvalStore {
  constructor(
    private readonly db: SqlRunner,
    /** How the backend writes a boolean column (SQLite: 0/1). */
    private readonly bool: (b: boolean) => unknown,
  ) {}

  async createRun(projectId: string, input: EvalRunCreate): Promise<EvalRun> {
    const run = evalRunCreateSchema.parse(input);
    const id = uuidv7();
    await this.db.run(
      "INSERT INTO eval_runs (project_id, id, description, config_name, status, started_at, providers, total, metadata) VALUES (?, ?, ?, ?, 'running', ?, ?, ?, ?)",
      [
        Number(projectId),
        id,
        run.description,
        run.configName,
        Date.now(),
        JSON.stringify(run.providers),
        run.total,
        JSON.stringify(run.metadata),
      ],
    );
    return (await this.getRun(projectId, id))!;
  }

  async appendResults(
    projectId: string,
    runId: string,
    results: readonly EvalResult[],
  ): Promise<number | null> {
    let passed = 0;
    let failed = 0;
    let errors = 0;
    for (const r of results) {
      if (r.error !== null) errors++;
      else if (r.pass) passed++;
      else failed++;
    }
    const update: Statement = {
      sql: "UPDATE eval_runs SET result_count = result_count + ?, passed = passed + ?, failed = failed + ?, errors = errors + ? WHERE project_id = ? AND id = ? AND status = 'running' RETURNING result_count",
      params: [results.length, passed, failed, errors, Number(projectId), runId],
    };
    const rows = await this.db.chain(update, (updated) => {
      if (updated.length === 0) return [];
      const first = Number(updated[0]!["result_count"]) - results.length;
      const inserts: Statement[] = [];
      for (let at = 0; at < results.length; at += rowsPerInsert) {
        const chunk = results.slice(at, at + rowsPerInsert);
        const params: unknown[] = [];
        chunk.forEach((r, i) => {
          params.push(Number(projectId), runId, first + at + i, this.bool(r.pass), JSON.stringify(r));
        });
        inserts.push({
          sql: `INSERT INTO eval_results (project_id, run_id, idx, pass, body) VALUES ${chunk.map(() => "(?, ?, ?, ?, ?)").join(", ")}`,
          params,
        });
      }
      return inserts;
    });
    if (rows.length > 0) return Number(rows[0]!["result_count"]);
    const run = await this.getRun(projectId, runId);
    if (!run) return null;
    throw new GenchiError(
      "GENCHI_BAD_REQUEST",
      `eval run '${runId}' is ${run.status} and takes no more results; start a new run`,
    );
  }

  async finishRun(projectId: string, runId: string, input: EvalRunFinish): Promise<EvalRun | null> {
    const finish = evalRunFinishSchema.parse(input);
    const summary = {
      providerTable: finish.providerTable,
      recommendation: finish.recommendation,
      flakyTests:
        finish.repeatMetrics.length === 0 ? null : finish.repeatMetrics.filter((r) => r.flaky).length,
    };
    const changed = await this.db.run(
      "UPDATE eval_runs SET status = ?, finished_at = ?, summary = ?, repeat_metrics = ? WHERE project_id = ? AND id = ?",
      [
        finish.status,
        Date.now(),
        JSON.stringify(summary),
        JSON.stringify(finish.repeatMetrics),
        Number(projectId),
        runId,
      ],
    );
    return changed === 0 ? null : this.getRun(projectId, runId);
  }

  async getRun(projectId: string, runId: string): Promise<EvalRun | null> {
    const rows = await this.db.all(`SELECT ${runColumns} FROM eval_runs WHERE project_id = ? AND id = ?`, [
      Number(projectId),
      runId,
    ]);
    return rows[0] ? rowToRun(rows[0]) : null;
  }

  async listRuns(projectId: string, query: EvalRunsQuery): Promise<EvalRunsPage> {
    const where = ["project_id = ?"];
    const params: unknown[] = [Number(projectId)];
    if (query.configName !== undefined) {
      where.push("config_name = ?");
      params.push(query.configName);
    }
    if (query.cursor !== undefined) {
      const [ms, id] = parseRunCursor(query.cursor);
      where.push("(started_at < ? OR (started_at = ? AND id < ?))");
      params.push(ms, ms, id);
    }
    const rows = await this.db.all(
      `SELECT ${listColumns} FROM eval_runs WHERE ${where.join(" AND ")} ORDER BY started_at DESC, id DESC LIMIT ?`,
      [...params, query.limit + 1],
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      data: page.map(rowToRun),
      nextCursor: rows.length > query.limit && last ? `${Number(last["started_at"])}.${last["id"]}` : null,
    };
  }

  async listResults(projectId: string, runId: string, query: EvalResultsQuery): Promise<EvalResultsPage> {
    const where = ["project_id = ?", "run_id = ?"];
    const params: unknown[] = [Number(projectId), runId];
    if (query.failedOnly) {
      where.push("pass = ?");
      params.push(this.bool(false));
    }
    if (query.cursor !== undefined) {
      const after = Number(query.cursor);
      if (!Number.isInteger(after))
        throw new GenchiError("GENCHI_VALIDATION", "cursor: pass the nextCursor of the previous page", {
          field: "cursor",
        });
      where.push("idx > ?");
      params.push(after);
    }
    const rows = await this.db.all(
      `SELECT idx, body FROM eval_results WHERE ${where.join(" AND ")} ORDER BY idx LIMIT ?`,
      [...params, query.limit + 1],
    );
    const page = rows.slice(0, query.limit);
    const data = page.map(
      (r) => ({ ...(json(r["body"]) as EvalResult), index: Number(r["idx"]) }) as StoredEvalResult,
    );
    const last = data[data.length - 1];
    return { data, nextCursor: rows.length > query.limit && last ? String(last.index) : null };
  }
}
