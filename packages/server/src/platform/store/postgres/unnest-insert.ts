/**
 * Multi-row inserts as `INSERT … SELECT FROM unnest($2::t[], $3::t[], …)`: one parameter
 * per column instead of one per value, so the statement text (and its prepared plan) is
 * the same for every batch size and no batch runs into the 65,535-parameter limit.
 */

/**
 * The statement for `columns` of `table`. `project_id` is parameter `$1` (one value for
 * the whole batch); every other column is an array. With `searchColumn`, one more text
 * array of space-separated words fills that tsvector column.
 *
 * @example unnestInsert("feedback", feedbackColumns, feedbackTypes) // → "INSERT INTO feedback (…) SELECT $1::bigint, r.id, … ON CONFLICT DO NOTHING"
 */
export function unnestInsert(
  table: string,
  columns: readonly string[],
  types: Readonly<Record<string, string>>,
  searchColumn?: string,
): string {
  const rest = columns.filter((c) => c !== "project_id");
  const arrays = rest.map((c, i) => `$${i + 2}::${types[c]}[]`);
  const names = [...rest];
  const targets = ["project_id", ...rest];
  const selects = ["$1::bigint", ...rest.map((c) => `r.${c}`)];
  if (searchColumn) {
    arrays.push(`$${rest.length + 2}::text[]`);
    names.push("words");
    targets.push(searchColumn);
    selects.push("array_to_tsvector(string_to_array(r.words, ' '))");
  }
  return `INSERT INTO ${table} (${targets.join(", ")})
    SELECT ${selects.join(", ")}
    FROM unnest(${arrays.join(", ")}) AS r (${names.join(", ")})
    ON CONFLICT DO NOTHING`;
}

/**
 * Rows of values (`rows[row][column]`) turned into one array per column, for `unnestInsert`,
 * leaving out the project id column (it is `$1`).
 */
export function columnArrays(rows: readonly (readonly unknown[])[], projectIdColumn: number): unknown[][] {
  const width = rows[0]?.length ?? 0;
  const columns: unknown[][] = [];
  for (let c = 0; c < width; c++) {
    if (c === projectIdColumn) continue;
    columns.push(rows.map((row) => withoutNul(row[c])));
  }
  return columns;
}

/** PostgreSQL text cannot hold U+0000; JSON text is safe already (JSON.stringify escapes it). */
function withoutNul(value: unknown): unknown {
  return typeof value === "string" && value.includes("\u0000") ? value.replaceAll("\u0000", "\uFFFD") : value;
}
