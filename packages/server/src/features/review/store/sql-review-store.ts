/** The ReviewStore in SQL both SQLite and PostgreSQL run (see ../sql-runner.ts). */
import { uuidv7 } from "@genchi/sdk";
import {
  type Annotation,
  type FailureMode,
  GenchiError,
  type ReviewQueueItem,
  type SampleStrategy,
  type SuiteAssertion,
  type Verdict,
} from "@genchi/spec";
import type { Row, SqlRunner } from "../../../platform/store/sql-runner.js";
import type {
  AnnotationWrite,
  ReviewLock,
  ReviewReminder,
  ReviewStore,
  SuiteAssertionWrite,
} from "./review-store.js";

const iso = (ms: unknown) => new Date(Number(ms)).toISOString();
const str = (v: unknown) => (v == null ? null : String(v));

function rowToMode(r: Row): FailureMode {
  return {
    id: String(r["id"]),
    name: String(r["name"]),
    description: String(r["description"]),
    createdAt: iso(r["created_at"]),
  };
}

function rowToItem(r: Row, now: number): ReviewQueueItem {
  const active = r["locked_by"] != null && Number(r["lock_expires"]) >= now && r["done_at"] == null;
  return {
    day: String(r["day"]),
    callId: String(r["call_id"]),
    position: Number(r["position"]),
    strategy: String(r["strategy"]) as SampleStrategy,
    lockedBy: active ? String(r["locked_by"]) : null,
    lockExpiresAt: active ? iso(r["lock_expires"]) : null,
    doneBy: str(r["done_by"]),
  };
}

const itemColumns = "day, call_id, position, strategy, locked_by, lock_expires, done_by, done_at";

export class SqlReviewStore implements ReviewStore {
  constructor(private readonly db: SqlRunner) {}

  async addQueueItems(
    projectId: string,
    day: string,
    picks: readonly { callId: string; strategy: SampleStrategy }[],
  ): Promise<number> {
    const p = Number(projectId);
    const rows = await this.db.all(
      "SELECT coalesce(max(position), -1) AS last FROM review_items WHERE project_id = ? AND day = ?",
      [p, day],
    );
    let position = Number(rows[0]?.["last"] ?? -1) + 1;
    let added = 0;
    for (const pick of picks) {
      const changed = await this.db.run(
        "INSERT INTO review_items (project_id, day, call_id, position, strategy) VALUES (?, ?, ?, ?, ?) ON CONFLICT (project_id, day, call_id) DO NOTHING",
        [p, day, pick.callId, position, pick.strategy],
      );
      if (changed > 0) {
        position++;
        added++;
      }
    }
    return added;
  }

  async reviewedOrQueuedCallIds(projectId: string): Promise<Set<string>> {
    const rows = await this.db.all(
      "SELECT call_id FROM review_items WHERE project_id = ? UNION SELECT call_id FROM annotations WHERE project_id = ?",
      [Number(projectId), Number(projectId)],
    );
    return new Set(rows.map((r) => String(r["call_id"])));
  }

  async listQueue(projectId: string, day: string): Promise<ReviewQueueItem[]> {
    const rows = await this.db.all(
      `SELECT ${itemColumns} FROM review_items WHERE project_id = ? AND day = ? ORDER BY position`,
      [Number(projectId), day],
    );
    const now = Date.now();
    return rows.map((r) => rowToItem(r, now));
  }

  async claimNext(
    projectId: string,
    day: string,
    reviewer: string,
    lockMs: number,
  ): Promise<ReviewQueueItem | null> {
    const p = Number(projectId);
    for (let attempt = 0; attempt < 8; attempt++) {
      const now = Date.now();
      const expires = now + lockMs;
      const mine = await this.db.all(
        `UPDATE review_items SET lock_expires = ? WHERE project_id = ? AND day = ? AND locked_by = ? AND lock_expires >= ? AND done_at IS NULL RETURNING ${itemColumns}`,
        [expires, p, day, reviewer, now],
      );
      if (mine[0]) return rowToItem(mine[0], now);
      const free = "done_at IS NULL AND (locked_by IS NULL OR lock_expires < ?)";
      const claimed = await this.db.all(
        `UPDATE review_items SET locked_by = ?, lock_expires = ?
         WHERE project_id = ? AND day = ? AND ${free} AND call_id = (
           SELECT i.call_id FROM review_items i WHERE i.project_id = ? AND i.day = ?
             AND i.done_at IS NULL AND (i.locked_by IS NULL OR i.lock_expires < ?)
             AND NOT EXISTS (SELECT 1 FROM review_offers o
               WHERE o.project_id = i.project_id AND o.reviewer = ? AND o.call_id = i.call_id)
           ORDER BY i.position LIMIT 1)
         RETURNING ${itemColumns}`,
        [reviewer, expires, p, day, now, p, day, now, reviewer],
      );
      const row = claimed[0];
      if (row) {
        await this.db.run(
          "INSERT INTO review_offers (project_id, reviewer, call_id, offered_at) VALUES (?, ?, ?, ?) ON CONFLICT (project_id, reviewer, call_id) DO NOTHING",
          [p, reviewer, String(row["call_id"]), now],
        );
        return rowToItem(row, now);
      }
      // Nothing claimed: either nothing is left, or another reviewer took the same row first.
      const left = await this.db.all(
        `SELECT count(*) AS n FROM review_items i WHERE i.project_id = ? AND i.day = ?
           AND i.done_at IS NULL AND (i.locked_by IS NULL OR i.lock_expires < ?)
           AND NOT EXISTS (SELECT 1 FROM review_offers o
             WHERE o.project_id = i.project_id AND o.reviewer = ? AND o.call_id = i.call_id)`,
        [p, day, now, reviewer],
      );
      if (Number(left[0]?.["n"] ?? 0) === 0) return null;
    }
    return null;
  }

  async activeLock(projectId: string, callId: string): Promise<ReviewLock | null> {
    const rows = await this.db.all(
      "SELECT day, locked_by, lock_expires FROM review_items WHERE project_id = ? AND call_id = ? AND locked_by IS NOT NULL AND lock_expires >= ? AND done_at IS NULL ORDER BY day DESC LIMIT 1",
      [Number(projectId), callId, Date.now()],
    );
    const r = rows[0];
    return r
      ? { day: String(r["day"]), lockedBy: String(r["locked_by"]), expiresAt: iso(r["lock_expires"]) }
      : null;
  }

  async putAnnotation(projectId: string, a: AnnotationWrite): Promise<Annotation> {
    const p = Number(projectId);
    const modes: FailureMode[] = [];
    for (const tag of new Set(a.tags)) modes.push(await this.ensureFailureMode(projectId, tag));
    const now = a.createdAt !== undefined ? Date.parse(a.createdAt) : Date.now();
    const key = [p, a.callId, a.reviewer];
    await this.db.chain(
      {
        sql: "INSERT INTO annotations (project_id, call_id, reviewer, verdict, note, correction, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (project_id, call_id, reviewer) DO UPDATE SET verdict = excluded.verdict, note = excluded.note, correction = excluded.correction, created_at = excluded.created_at RETURNING call_id",
        params: [...key, a.verdict, a.note, a.correction, now],
      },
      () => [
        {
          sql: "DELETE FROM annotation_tags WHERE project_id = ? AND call_id = ? AND reviewer = ?",
          params: key,
        },
        ...modes.map((m) => ({
          sql: "INSERT INTO annotation_tags (project_id, call_id, reviewer, mode_id) VALUES (?, ?, ?, ?)",
          params: [...key, m.id],
        })),
        {
          sql: "UPDATE review_items SET done_by = ?, done_at = ?, locked_by = NULL, lock_expires = NULL WHERE project_id = ? AND call_id = ? AND done_at IS NULL",
          params: [a.reviewer, now, p, a.callId],
        },
      ],
    );
    const [stored] = await this.listAnnotations(projectId, { callId: a.callId, reviewer: a.reviewer });
    return stored!;
  }

  async listAnnotations(
    projectId: string,
    filter: { callId?: string; reviewer?: string; verdict?: Verdict; limit?: number } = {},
  ): Promise<Annotation[]> {
    const p = Number(projectId);
    const where = ["project_id = ?"];
    const params: unknown[] = [p];
    if (filter.callId !== undefined) {
      where.push("call_id = ?");
      params.push(filter.callId);
    }
    if (filter.reviewer !== undefined) {
      where.push("reviewer = ?");
      params.push(filter.reviewer);
    }
    if (filter.verdict !== undefined) {
      where.push("verdict = ?");
      params.push(filter.verdict);
    }
    params.push(Math.min(filter.limit ?? 1000, 10_000));
    const rows = await this.db.all(
      `SELECT call_id, reviewer, verdict, note, correction, created_at FROM annotations WHERE ${where.join(" AND ")} ORDER BY created_at DESC, call_id LIMIT ?`,
      params,
    );
    if (rows.length === 0) return [];
    const callIds = [...new Set(rows.map((r) => String(r["call_id"])))];
    const tags = await this.db.all(
      `SELECT t.call_id, t.reviewer, m.name FROM annotation_tags t JOIN failure_modes m ON m.project_id = t.project_id AND m.id = t.mode_id WHERE t.project_id = ? AND t.call_id IN (${callIds.map(() => "?").join(", ")}) ORDER BY m.name`,
      [p, ...callIds],
    );
    const tagsOf = new Map<string, string[]>();
    for (const t of tags) {
      const k = `${t["call_id"]}\u0000${t["reviewer"]}`;
      tagsOf.set(k, [...(tagsOf.get(k) ?? []), String(t["name"])]);
    }
    return rows.map((r) => ({
      callId: String(r["call_id"]),
      reviewer: String(r["reviewer"]),
      verdict: String(r["verdict"]) as Verdict,
      tags: tagsOf.get(`${r["call_id"]}\u0000${r["reviewer"]}`) ?? [],
      note: str(r["note"]),
      correction: str(r["correction"]),
      createdAt: iso(r["created_at"]),
    }));
  }

  async annotationDays(projectId: string, reviewer: string): Promise<string[]> {
    const rows = await this.db.all(
      "SELECT created_at FROM annotations WHERE project_id = ? AND reviewer = ? ORDER BY created_at DESC LIMIT 10000",
      [Number(projectId), reviewer],
    );
    return [...new Set(rows.map((r) => iso(r["created_at"]).slice(0, 10)))];
  }

  async listFailureModes(projectId: string): Promise<FailureMode[]> {
    const rows = await this.db.all(
      "SELECT id, name, description, created_at FROM failure_modes WHERE project_id = ? ORDER BY name",
      [Number(projectId)],
    );
    return rows.map(rowToMode);
  }

  async ensureFailureMode(projectId: string, name: string, description = ""): Promise<FailureMode> {
    await this.db.run(
      "INSERT INTO failure_modes (project_id, id, name, description, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (project_id, name) DO NOTHING",
      [Number(projectId), uuidv7(), name, description, Date.now()],
    );
    return (await this.getFailureMode(projectId, name))!;
  }

  async getFailureMode(projectId: string, idOrName: string): Promise<FailureMode | null> {
    const rows = await this.db.all(
      "SELECT id, name, description, created_at FROM failure_modes WHERE project_id = ? AND (id = ? OR name = ?) ORDER BY CASE WHEN id = ? THEN 0 ELSE 1 END LIMIT 1",
      [Number(projectId), idOrName, idOrName, idOrName],
    );
    return rows[0] ? rowToMode(rows[0]) : null;
  }

  async renameFailureMode(projectId: string, id: string, name: string): Promise<FailureMode> {
    const taken = await this.getFailureMode(projectId, name);
    if (taken && taken.id !== id)
      throw new GenchiError(
        "GENCHI_CONFLICT",
        `a failure mode named '${name}' exists already; merge into it instead (POST /api/v1/review/failure-modes/${id}/merge)`,
      );
    await this.db.run("UPDATE failure_modes SET name = ? WHERE project_id = ? AND id = ?", [
      name,
      Number(projectId),
      id,
    ]);
    return (await this.getFailureMode(projectId, id))!;
  }

  async mergeFailureModes(projectId: string, fromId: string, intoId: string): Promise<FailureMode> {
    const p = Number(projectId);
    await this.db.chain(
      {
        sql: "INSERT INTO annotation_tags (project_id, call_id, reviewer, mode_id) SELECT project_id, call_id, reviewer, ? FROM annotation_tags WHERE project_id = ? AND mode_id = ? ON CONFLICT (project_id, call_id, reviewer, mode_id) DO NOTHING RETURNING call_id",
        params: [intoId, p, fromId],
      },
      () => [
        { sql: "DELETE FROM annotation_tags WHERE project_id = ? AND mode_id = ?", params: [p, fromId] },
        { sql: "DELETE FROM failure_modes WHERE project_id = ? AND id = ?", params: [p, fromId] },
      ],
    );
    return (await this.getFailureMode(projectId, intoId))!;
  }

  async putReminder(
    projectId: string,
    reminder: { webhookUrl: string; hourUtc: number } | null,
  ): Promise<void> {
    if (reminder === null) {
      await this.db.run("DELETE FROM review_reminders WHERE project_id = ?", [Number(projectId)]);
      return;
    }
    await this.db.run(
      "INSERT INTO review_reminders (project_id, webhook_url, hour_utc, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (project_id) DO UPDATE SET webhook_url = excluded.webhook_url, hour_utc = excluded.hour_utc, updated_at = excluded.updated_at",
      [Number(projectId), reminder.webhookUrl, reminder.hourUtc, Date.now()],
    );
  }

  async listReminders(): Promise<ReviewReminder[]> {
    const rows = await this.db.all(
      "SELECT project_id, webhook_url, hour_utc FROM review_reminders ORDER BY project_id",
      [],
    );
    return rows.map((r) => ({
      projectId: String(r["project_id"]),
      webhookUrl: String(r["webhook_url"]),
      hourUtc: Number(r["hour_utc"]),
    }));
  }

  async claimReminder(projectId: string, day: string): Promise<boolean> {
    const changed = await this.db.run(
      "INSERT INTO review_reminders_sent (project_id, day, sent_at) VALUES (?, ?, ?) ON CONFLICT (project_id, day) DO NOTHING",
      [Number(projectId), day, Date.now()],
    );
    return changed > 0;
  }

  async addSuiteAssertion(projectId: string, a: SuiteAssertionWrite): Promise<SuiteAssertion> {
    const id = uuidv7();
    const now = Date.now();
    await this.db.run(
      "INSERT INTO suite_assertions (project_id, id, route, description, assertion, source_call_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      [Number(projectId), id, a.route, a.description, JSON.stringify(a.assert), a.sourceCallId, now],
    );
    return {
      id,
      route: a.route,
      description: a.description,
      assert: a.assert,
      sourceCallId: a.sourceCallId,
      createdAt: iso(now),
    };
  }

  async listSuiteAssertions(projectId: string, route: string): Promise<SuiteAssertion[]> {
    const rows = await this.db.all(
      "SELECT id, route, description, assertion, source_call_id, created_at FROM suite_assertions WHERE project_id = ? AND route = ? ORDER BY created_at, id",
      [Number(projectId), route],
    );
    return rows.map((r) => ({
      id: String(r["id"]),
      route: String(r["route"]),
      description: String(r["description"]),
      assert: JSON.parse(String(r["assertion"])) as SuiteAssertion["assert"],
      sourceCallId: str(r["source_call_id"]),
      createdAt: iso(r["created_at"]),
    }));
  }
}
