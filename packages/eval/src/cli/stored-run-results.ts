/**
 * What `genchi eval compare A B` compares: a results file (`genchi eval --output`), or the id
 * of a run stored in genchi (read page by page from `GENCHI_URL`).
 */
import { existsSync } from "node:fs";
import type { EvalResult, EvalResultsPage } from "@genchi/spec";
import { GenchiError } from "@genchi/spec/errors";
import { readEvalResults } from "../compare-eval-runs.js";
import { type GenchiTarget, withGenchi } from "./genchi-client.js";

/**
 * The results of a file or of a stored run.
 *
 * @example await runResults("before.json", null); await runResults("0193…", targetOf(flags))
 */
export async function runResults(ref: string, target: GenchiTarget | null): Promise<EvalResult[]> {
  if (existsSync(ref) || ref.includes("/") || /\.json$/i.test(ref)) return readEvalResults(ref);
  if (!target)
    throw new GenchiError(
      "GENCHI_BAD_CONFIG",
      `${ref}: no such file — pass a file written by genchi eval --output, or set GENCHI_URL and GENCHI_KEY to compare stored runs by id`,
    );
  const out: EvalResult[] = [];
  let cursor: string | null = null;
  do {
    const after = cursor;
    const page: EvalResultsPage = await withGenchi(target, (api) =>
      api.evals.results({ params: { id: ref }, query: { limit: 5000, ...(after ? { cursor: after } : {}) } }),
    );
    for (const { index: _index, ...r } of page.data) out.push(r);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}
