/**
 * `listFeedbackForCall` on SQLite must find a call's feedback through the call index
 * (`feedback_project_call`), whatever the planner knows of the table. The time index
 * (`feedback_project_ts`) also matches `project_id = ?` and hands rows over already in
 * `ts` order, so without statistics the planner took it and read every feedback row of
 * the project (~70 ms a lookup at 500,000 rows, against ~0.05 ms through the call index).
 */

import { createTempSqlitePath } from "@genchi/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { migrateSqlite, openSqlite } from "./open-sqlite.js";
import { coreSqliteMigrations } from "./sqlite-migrations.js";
import { feedbackForCallSql } from "./sqlite-store.js";

describe("SQLite listFeedbackForCall query plan", () => {
  const tmp = createTempSqlitePath();
  const db = openSqlite(tmp.path);
  migrateSqlite(db, coreSqliteMigrations);
  afterAll(() => {
    db.close();
    tmp.remove();
  });

  const plan = () =>
    (db.prepare(`EXPLAIN QUERY PLAN ${feedbackForCallSql}`).all(1, "call-1") as { detail: string }[]).map(
      (row) => row.detail,
    );
  const byCallIndex = expect.arrayContaining([
    expect.stringMatching(
      /^SEARCH feedback USING INDEX feedback_project_call \(project_id=\? AND call_id=\?\)$/,
    ),
  ]);

  it("uses the call index on a fresh database (no statistics yet)", () => {
    expect(plan()).toEqual(byCallIndex);
    expect(plan().join("\n")).not.toContain("feedback_project_ts");
  });

  it("still uses the call index once ANALYZE has seen many calls with a few feedback rows each", () => {
    const insert = db.prepare(
      "INSERT INTO feedback (project_id, id, call_id, kind, ts) VALUES (1, ?, ?, 'thumbs_up', ?)",
    );
    db.transaction(() => {
      for (let i = 0; i < 5000; i++) insert.run(`f-${i}`, `call-${i % 2000}`, 1_700_000_000_000 + i);
    })();
    db.exec("ANALYZE");
    expect(plan()).toEqual(byCallIndex);
    expect(plan().join("\n")).not.toContain("feedback_project_ts");
  });
});
