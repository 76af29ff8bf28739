/** Rows of the projects and api_keys tables as spec shapes (the same columns in both backends). */
import type { KeyMeta, Project } from "@genchi/spec";

type Row = Record<string, unknown>;

export function rowToProject(row: Row): Project {
  return {
    id: String(row.id),
    name: String(row.name),
    createdAt: new Date(Number(row.created_at)).toISOString(),
  };
}

export function rowToKeyMeta(row: Row): KeyMeta {
  return {
    id: String(row.id),
    projectId: String(row.project_id),
    kind: row.kind as KeyMeta["kind"],
    prefix: String(row.prefix),
    name: row.name == null ? null : String(row.name),
    createdAt: new Date(Number(row.created_at)).toISOString(),
    lastUsedAt: row.last_used_at == null ? null : new Date(Number(row.last_used_at)).toISOString(),
  };
}
