/**
 * The failing tests of a run as the terminal shows them: each test (its description or vars),
 * the assertions that failed (type, value when short, reason) and its output; errors; and
 * flaky tests under repeats (k of N passed).
 */
import type { AssertionSpec } from "@genchi/core/eval";
import type { EvalAggregate, FailureRow } from "./eval-aggregate.js";

/** Failure rows printed; the rest are counted and found in the results file. */
export const printedFailures = 50;

const oneLine = (s: string, max: number) => {
  const flat = s.replace(/\s*\n\s*/g, " / ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/**
 * An assertion as written, its value shown when short.
 *
 * @example assertionLabel({ type: "contains", value: "Paris" }) // → 'contains "Paris"'
 */
export function assertionLabel(spec: { type: string; value?: unknown } | undefined, type: string): string {
  const value = spec?.value;
  if (value === undefined || value === null) return type;
  const text = JSON.stringify(value);
  return text.length <= 60 && !text.includes("\\n") ? `${type} ${text}` : type;
}

function rowLines(
  row: FailureRow,
  mark: string,
  assertsOf: (testIndex: number) => readonly AssertionSpec[] | undefined,
  showPrompt: boolean,
): string[] {
  const where = showPrompt && row.prompt !== "" ? ` · ${oneLine(row.prompt, 40)}` : "";
  const tally = row.runs > 1 ? `: ${row.passes} of ${row.runs} passed` : "";
  const lines = [`  ${mark} ${oneLine(row.description, 80)} · ${row.provider}${where}${tally}`];
  const { example } = row;
  const specs = assertsOf(row.testIndex);
  const failing = (example.assertions ?? [])
    .map((a, i) => ({ a, spec: specs?.[i] }))
    .filter(({ a }) => !a.pass);
  for (const { a, spec } of failing)
    lines.push(`      ${assertionLabel(spec, a.type)}: ${oneLine(a.reason, 200)}`);
  if (failing.length === 0 && example.error !== null)
    lines.push(`      error: ${oneLine(example.error, 200)}`);
  if (example.output !== null) lines.push(`      output: ${oneLine(JSON.stringify(example.output), 120)}`);
  return lines;
}

export interface FailureListOptions {
  /** The assertions of test i as written (for their values); positions match a result's `assertions`. */
  assertsOf?: (testIndex: number) => readonly AssertionSpec[] | undefined;
  /** Where every result can be read (named when not all failures are printed). */
  resultsFile?: string;
  /** Name the prompt of each row (the suite has several). */
  showPrompt?: boolean;
}

/**
 * The failure list printed before the summary line; "" when everything passed.
 *
 * @example process.stdout.write(formatEvalFailures(aggregate, { assertsOf: (i) => suite.tests[i]?.assert }))
 */
export function formatEvalFailures(aggregate: EvalAggregate, options: FailureListOptions = {}): string {
  const rows = aggregate.failures();
  if (rows.length === 0) return "";
  const assertsOf = options.assertsOf ?? (() => undefined);
  const showPrompt = options.showPrompt ?? false;
  const failed = rows.filter((r) => r.passes === 0 && r.example.error === null);
  const errored = rows.filter((r) => r.passes === 0 && r.example.error !== null);
  const flaky = rows.filter((r) => r.passes > 0);
  const lines: string[] = [];
  let budget = printedFailures;
  const section = (title: string, list: FailureRow[], mark: string) => {
    if (list.length === 0) return;
    lines.push("", `${title} (${list.length}):`);
    for (const row of list.slice(0, Math.max(0, budget)))
      lines.push(...rowLines(row, mark, assertsOf, showPrompt));
    budget -= list.length;
  };
  section("failures", failed, "✗");
  section("errors", errored, "!");
  section("flaky, passed in some repeats", flaky, "~");
  const more = aggregate.failureCount - Math.min(rows.length, printedFailures);
  if (more > 0)
    lines.push("", `… ${more} more failing tests${options.resultsFile ? ` in ${options.resultsFile}` : ""}`);
  return `${lines.join("\n")}\n`;
}
