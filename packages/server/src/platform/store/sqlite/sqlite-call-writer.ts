/**
 * The hot write path of the SQLite store: inserts prepared call and feedback rows in one
 * transaction each, allocating time-ordered seqs and indexing call text for search, and deletes
 * old calls for retention. It runs inside the write worker (see sqlite-write-worker.ts), off
 * the HTTP thread.
 */
import type Database from "better-sqlite3";
import { callColumns, feedbackColumns } from "../call-row.js";
import { SeqAllocator, seqFloor } from "../call-seq.js";
import { SqliteRollupWriter } from "../stats/sqlite-rollup-writer.js";
import type { InsertOutcome } from "../store.js";

/** A call ready to insert: column values in `callColumns` order (seq and project filled here). */
export interface PreparedCall {
  values: unknown[];
  timestampMs: number;
  searchText: string;
}

export class SqliteCallWriter {
  private readonly seqs = new SeqAllocator(0);
  private readonly insertCall: Database.Statement;
  private readonly insertFts: Database.Statement;
  private readonly insertFeedbackRow: Database.Statement;
  private readonly insertCallsTx: (projectId: number, calls: readonly PreparedCall[]) => InsertOutcome[];
  private readonly insertFeedbackTx: (projectId: number, rows: readonly unknown[][]) => InsertOutcome[];
  private readonly deleteTx: (before: number, limit: number) => number;
  private readonly deleteOrphans: Database.Statement;

  constructor(db: Database.Database) {
    this.insertCall = db.prepare(
      `INSERT INTO calls (${callColumns.join(", ")}) VALUES (${callColumns.map(() => "?").join(", ")})
       ON CONFLICT (project_id, id) DO NOTHING`,
    );
    this.insertFts = db.prepare("INSERT INTO calls_fts (rowid, body) VALUES (?, ?)");
    this.insertFeedbackRow = db.prepare(
      `INSERT INTO feedback (${feedbackColumns.join(", ")}) VALUES (${feedbackColumns.map(() => "?").join(", ")})
       ON CONFLICT (project_id, id) DO NOTHING`,
    );
    const rollups = new SqliteRollupWriter(db);
    const callsTx = db.transaction((projectId: number, calls: readonly PreparedCall[]) => {
      const outcomes = calls.map((call) => this.insertOne(projectId, call));
      rollups.add(
        projectId,
        calls.filter((_, i) => outcomes[i] === "stored").map((call) => call.values),
      );
      return outcomes;
    });
    this.insertCallsTx = (projectId, calls) => callsTx.immediate(projectId, calls);
    const feedbackTx = db.transaction((projectId: number, rows: readonly unknown[][]) =>
      rows.map((row): InsertOutcome => {
        row[0] = projectId;
        return this.insertFeedbackRow.run(row).changes === 0 ? "duplicate" : "stored";
      }),
    );
    this.insertFeedbackTx = (projectId, rows) => feedbackTx.immediate(projectId, rows);
    const oldest = db.prepare("SELECT seq, project_id, id FROM calls WHERE seq < ? AND ts < ? LIMIT ?");
    const delFeedback = db.prepare("DELETE FROM feedback WHERE project_id = ? AND call_id = ?");
    const delFts = db.prepare("DELETE FROM calls_fts WHERE rowid = ?");
    const delCall = db.prepare("DELETE FROM calls WHERE seq = ?");
    const deleteTx = db.transaction((before: number, limit: number) => {
      const rows = oldest.all(seqFloor(before), before, limit) as {
        seq: number;
        project_id: number;
        id: string;
      }[];
      for (const row of rows) {
        delFeedback.run(row.project_id, row.id);
        delFts.run(row.seq);
        delCall.run(row.seq);
      }
      return rows.length;
    });
    this.deleteTx = (before, limit) => deleteTx.immediate(before, limit);
    this.deleteOrphans = db.prepare(
      `DELETE FROM feedback WHERE ts < ? AND NOT EXISTS
         (SELECT 1 FROM calls c WHERE c.project_id = feedback.project_id AND c.id = feedback.call_id)`,
    );
  }

  insertCalls(projectId: number, calls: readonly PreparedCall[]): InsertOutcome[] {
    return this.insertCallsTx(projectId, calls);
  }

  /** Rows from `feedbackToValues` (their project column is overwritten). */
  insertFeedback(projectId: number, rows: readonly unknown[][]): InsertOutcome[] {
    return this.insertFeedbackTx(projectId, rows);
  }

  /** Retention: deletes up to `limit` calls older than `before` (ms), with their feedback; returns how many. */
  deleteCallsBefore(before: number, limit: number): number {
    return this.deleteTx(before, limit);
  }

  /** Feedback dated before `before` whose call is in no project's calls: held too long. */
  deleteOrphanFeedbackBefore(before: number): number {
    return this.deleteOrphans.run(before).changes;
  }

  private insertOne(projectId: number, call: PreparedCall): InsertOutcome {
    const values = call.values;
    values[1] = projectId;
    let seq = this.seqs.next(call.timestampMs);
    for (;;) {
      values[0] = seq;
      try {
        if (this.insertCall.run(values).changes === 0) return "duplicate";
        this.insertFts.run(seq, call.searchText);
        return "stored";
      } catch (error) {
        if ((error as { code?: string }).code !== "SQLITE_CONSTRAINT_PRIMARYKEY") throw error;
        seq += 1;
      }
    }
  }
}
