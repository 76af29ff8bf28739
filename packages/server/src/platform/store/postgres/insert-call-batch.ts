/**
 * Inserts one batch of calls inside the caller's transaction: one `INSERT … unnest` per
 * up to 1,000 rows, `ON CONFLICT DO NOTHING RETURNING` to see which rows went in. A row
 * that did not is either a duplicate id or a seq another process took; the latter retry
 * with the next free seq until stored.
 */
import type { Call } from "@genchi/spec";
import { GenchiError } from "@genchi/spec";
import type pg from "pg";
import { mapInSlices } from "../../util/map-in-slices.js";
import { callColumns, callToValues } from "../call-row.js";
import type { SeqAllocator } from "../call-seq.js";
import { upsertRollups } from "../stats/postgres-rollup-upsert.js";
import type { InsertOutcome } from "../store.js";
import { searchDocument } from "./search-words.js";
import { columnArrays, unnestInsert } from "./unnest-insert.js";

/** Rows per INSERT statement: keeps a 10,000-call batch's parameters a sensible size. */
const maxRowsPerInsert = 1000;
/** Collision rounds before giving up; seqs step by 1, then by growing strides after 8 rounds. */
const maxSeqRounds = 40;

const callTypes: Record<(typeof callColumns)[number], string> = {
  seq: "bigint",
  project_id: "bigint",
  id: "text",
  ts: "bigint",
  route: "text",
  source: "text",
  provider: "text",
  requested_model: "text",
  model: "text",
  status: "text",
  error: "text",
  latency_ms: "float8",
  ttft_ms: "float8",
  input_tokens: "bigint",
  output_tokens: "bigint",
  cached_input_tokens: "bigint",
  usage_estimated: "int2",
  cost_usd: "float8",
  user_id: "text",
  session_id: "text",
  prompt_version: "text",
  tags: "json",
  metadata: "json",
  shadow_of: "text",
  finish_reason: "text",
  trace_id: "text",
  span_id: "text",
  input: "json",
  output: "json",
};

const insertSql = `${unnestInsert("calls", callColumns, callTypes, "search")} RETURNING seq, id`;
const projectIdColumn = callColumns.indexOf("project_id");
const seqColumn = callColumns.indexOf("seq");

/** One call on its way in: its slot in the batch, its column values (seq bumped on collision), its words. */
interface PendingCall {
  index: number;
  id: string;
  values: unknown[];
  words: string;
}

/**
 * Outcomes in input order; an id repeated within the batch is stored once, then "duplicate".
 *
 * @example await insertCallBatch(client, 1, calls, seqs) // → ["stored", "duplicate"]
 */
export async function insertCallBatch(
  client: pg.PoolClient,
  projectId: number,
  calls: readonly Call[],
  seqs: SeqAllocator,
): Promise<InsertOutcome[]> {
  const outcomes: InsertOutcome[] = calls.map(() => "duplicate");
  // Seqs this batch holds: two rows of one statement must never ask for the same one.
  const taken = new Set<number>();
  const claim = (seq: number): number => {
    let free = seq;
    while (taken.has(free)) free++;
    taken.add(free);
    return free;
  };
  const seen = new Set<string>();
  const storedValues: unknown[][] = [];
  // Prepared a slice at a time: a large batch does not hold the event loop throughout.
  const prepared = await mapInSlices(calls, (call, index): PendingCall | null => {
    if (seen.has(call.id)) return null;
    seen.add(call.id);
    const seq = claim(seqs.next(Date.parse(call.timestamp)));
    return { index, id: call.id, values: callToValues(projectId, seq, call), words: searchDocument(call) };
  });
  let pending = prepared.filter((p): p is PendingCall => p !== null);

  for (let round = 0; pending.length > 0; round++) {
    if (round >= maxSeqRounds) {
      throw new GenchiError(
        "GENCHI_STORAGE",
        "no free call seqs found after many retries; retry the batch later",
      );
    }
    const stored = new Set<string>();
    for (let start = 0; start < pending.length; start += maxRowsPerInsert) {
      const chunk = pending.slice(start, start + maxRowsPerInsert);
      const columns = columnArrays(
        chunk.map((p) => p.values),
        projectIdColumn,
      );
      const result = await client.query({
        name: "genchi_insert_calls",
        text: insertSql,
        values: [projectId, ...columns, chunk.map((p) => p.words)],
      });
      for (const row of result.rows) stored.add(String(row.id));
    }
    const missed = pending.filter((p) => {
      if (!stored.has(p.id)) return true;
      outcomes[p.index] = "stored";
      storedValues.push(p.values);
      return false;
    });
    if (missed.length === 0) break;
    // ON CONFLICT waited for any other transaction holding these ids, so this sees them.
    const existing = await client.query(
      "SELECT id FROM calls WHERE project_id = $1 AND id = ANY($2::text[])",
      [projectId, missed.map((p) => p.id)],
    );
    const duplicates = new Set(existing.rows.map((row) => String(row.id)));
    pending = missed.filter((p) => !duplicates.has(p.id));
    const stride = round < 8 ? 1 : 2 ** Math.min(round - 7, 20);
    for (const p of pending) p.values[seqColumn] = claim(Number(p.values[seqColumn]) + stride);
  }
  await upsertRollups(client, projectId, storedValues);
  return outcomes;
}
