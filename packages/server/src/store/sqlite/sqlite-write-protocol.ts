/** Messages between the SQLite store and its write worker. */
import type { InsertOutcome } from "../store.js";
import type { PreparedCall } from "./sqlite-call-writer.js";

export type WriteRequest =
  | { id: number; op: "calls"; projectId: number; calls: PreparedCall[] }
  | { id: number; op: "feedback"; projectId: number; rows: unknown[][] }
  | { id: number; op: "close" };

export type WriteResponse =
  | { id: number; ok: true; outcomes: InsertOutcome[] }
  | { id: number; ok: false; message: string; code?: string };
