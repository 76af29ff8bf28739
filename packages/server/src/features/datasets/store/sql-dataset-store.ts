/** The DatasetStore in SQL both SQLite and PostgreSQL run (see ../sql-runner.ts). */
import { uuidv7 } from "@genchi/sdk";
import {
  type Dataset,
  type DatasetCreate,
  type DatasetItem,
  type DatasetItemIn,
  type DatasetItemsPage,
  type DatasetItemsQuery,
  datasetCreateSchema,
  GenchiError,
} from "@genchi/spec";
import type { Row, SqlRunner, Statement } from "../../../platform/store/sql-runner.js";
import type { DatasetStore, ItemOutcome } from "./dataset-store.js";

/** Rows per INSERT statement (9 parameters each). */
const rowsPerInsert = 1000;

const parsed = (v: unknown): unknown => (typeof v === "string" ? JSON.parse(v) : v);
const datasetSelect = `SELECT d.id, d.name, d.route, d.description, d.created_at,
  (SELECT count(*) FROM dataset_items i WHERE i.project_id = d.project_id AND i.dataset_id = d.id) AS item_count
  FROM datasets d`;

function rowToDataset(r: Row): Dataset {
  return {
    id: String(r["id"]),
    name: String(r["name"]),
    route: r["route"] == null ? null : String(r["route"]),
    description: String(r["description"]),
    itemCount: Number(r["item_count"]),
    createdAt: new Date(Number(r["created_at"])).toISOString(),
  };
}

function rowToItem(r: Row): DatasetItem {
  return {
    id: String(r["id"]),
    datasetId: String(r["dataset_id"]),
    vars: parsed(r["vars"]) as Record<string, unknown>,
    expected: r["expected"] == null ? null : parsed(r["expected"]),
    sourceCallId: r["source_call_id"] == null ? null : String(r["source_call_id"]),
    metadata: parsed(r["metadata"]) as Record<string, unknown>,
    createdAt: new Date(Number(r["created_at"])).toISOString(),
  };
}

export class SqlDatasetStore implements DatasetStore {
  constructor(private readonly db: SqlRunner) {}

  async ensure(projectId: string, input: DatasetCreate): Promise<{ dataset: Dataset; created: boolean }> {
    const d = datasetCreateSchema.parse(input);
    const changed = await this.db.run(
      "INSERT INTO datasets (project_id, id, name, route, description, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (project_id, name) DO NOTHING",
      [Number(projectId), uuidv7(), d.name, d.route, d.description, Date.now()],
    );
    const rows = await this.db.all(`${datasetSelect} WHERE d.project_id = ? AND d.name = ?`, [
      Number(projectId),
      d.name,
    ]);
    return { dataset: rowToDataset(rows[0]!), created: changed > 0 };
  }

  async list(projectId: string): Promise<Dataset[]> {
    const rows = await this.db.all(`${datasetSelect} WHERE d.project_id = ? ORDER BY d.name`, [
      Number(projectId),
    ]);
    return rows.map(rowToDataset);
  }

  async get(projectId: string, idOrName: string): Promise<Dataset | null> {
    const rows = await this.db.all(
      `${datasetSelect} WHERE d.project_id = ? AND (d.id = ? OR d.name = ?) ORDER BY CASE WHEN d.id = ? THEN 0 ELSE 1 END LIMIT 1`,
      [Number(projectId), idOrName, idOrName, idOrName],
    );
    return rows[0] ? rowToDataset(rows[0]) : null;
  }

  async addItems(
    projectId: string,
    datasetId: string,
    items: readonly DatasetItemIn[],
  ): Promise<{ id: string; outcome: ItemOutcome }[]> {
    const now = Date.now();
    const withIds = items.map((item) => ({ ...item, id: item.id ?? uuidv7() }));
    const ids = withIds.map((i) => i.id);
    if (new Set(ids).size !== ids.length)
      throw new GenchiError("GENCHI_VALIDATION", "items: two items of the batch have the same id");
    const before = new Set<string>();
    for (let at = 0; at < ids.length; at += rowsPerInsert) {
      const chunk = ids.slice(at, at + rowsPerInsert);
      const rows = await this.db.all(
        `SELECT id FROM dataset_items WHERE project_id = ? AND dataset_id = ? AND id IN (${chunk.map(() => "?").join(", ")})`,
        [Number(projectId), datasetId, ...chunk],
      );
      for (const r of rows) before.add(String(r["id"]));
    }
    const fresh = withIds.filter((i) => !before.has(i.id));
    if (fresh.length > 0) {
      const reserve: Statement = {
        sql: "UPDATE datasets SET next_idx = next_idx + ? WHERE project_id = ? AND id = ? RETURNING next_idx",
        params: [fresh.length, Number(projectId), datasetId],
      };
      const reserved = await this.db.chain(reserve, (rows) => {
        if (rows.length === 0) return [];
        const first = Number(rows[0]!["next_idx"]) - fresh.length;
        const inserts: Statement[] = [];
        for (let at = 0; at < fresh.length; at += rowsPerInsert) {
          const chunk = fresh.slice(at, at + rowsPerInsert);
          const params: unknown[] = [];
          chunk.forEach((item, i) => {
            params.push(
              Number(projectId),
              datasetId,
              item.id,
              first + at + i,
              JSON.stringify(item.vars),
              item.expected === undefined ? null : JSON.stringify(item.expected),
              item.sourceCallId ?? null,
              JSON.stringify(item.metadata ?? {}),
              now,
            );
          });
          inserts.push({
            sql: `INSERT INTO dataset_items (project_id, dataset_id, id, idx, vars, expected, source_call_id, metadata, created_at) VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")} ON CONFLICT (project_id, dataset_id, id) DO NOTHING`,
            params,
          });
        }
        return inserts;
      });
      if (reserved.length === 0)
        throw new GenchiError("GENCHI_NOT_FOUND", `no dataset '${datasetId}' in this project`);
    }
    return withIds.map((i) => ({ id: i.id, outcome: before.has(i.id) ? "duplicate" : "stored" }));
  }

  async listItems(projectId: string, datasetId: string, query: DatasetItemsQuery): Promise<DatasetItemsPage> {
    const params: unknown[] = [Number(projectId), datasetId];
    let after = "";
    if (query.cursor !== undefined) {
      const idx = Number(query.cursor);
      if (!Number.isInteger(idx))
        throw new GenchiError("GENCHI_VALIDATION", "cursor: pass the nextCursor of the previous page", {
          field: "cursor",
        });
      after = " AND idx > ?";
      params.push(idx);
    }
    const rows = await this.db.all(
      `SELECT id, dataset_id, idx, vars, expected, source_call_id, metadata, created_at FROM dataset_items WHERE project_id = ? AND dataset_id = ?${after} ORDER BY idx LIMIT ?`,
      [...params, query.limit + 1],
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      data: page.map(rowToItem),
      nextCursor: rows.length > query.limit && last ? String(Number(last["idx"])) : null,
    };
  }
}
