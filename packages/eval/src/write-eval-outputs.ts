/**
 * Eval outputs written from the streamed JSONL: the JSON file of CONTRACT.md and JUnit XML,
 * each read line by line so memory stays flat.
 */
import { closeSync, createReadStream, openSync, writeSync } from "node:fs";
import { createInterface } from "node:readline";
import type { Recommendation } from "@genchi/core/eval";
import type { EvalResult } from "@genchi/spec";
import type { EvalAggregate } from "./eval-aggregate.js";
import type { HttpCounts } from "./http-client.js";

async function* resultLines(jsonl: string): AsyncGenerator<EvalResult> {
  const rl = createInterface({ input: createReadStream(jsonl, "utf8"), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of rl) {
    if (line.trim() === "") continue;
    try {
      yield JSON.parse(line) as EvalResult;
    } catch {
      // a line cut by an interruption
    }
  }
}

/** A buffered writer over a file descriptor. */
function writer(path: string) {
  const fd = openSync(path, "w");
  let buffer = "";
  return {
    write(s: string) {
      buffer += s;
      if (buffer.length > 65_536) {
        writeSync(fd, buffer);
        buffer = "";
      }
    },
    close() {
      if (buffer) writeSync(fd, buffer);
      closeSync(fd);
    },
  };
}

/**
 * Writes `{results, stats, description, providers, repeatMetrics, recommendation}`; `stats`
 * carries the run's upstream calls and cache hits when `counts` is given.
 *
 * @example await writeEvalJson("results.jsonl", "out.json", aggregate, "my suite", rec, http.counts())
 */
export async function writeEvalJson(
  jsonl: string,
  path: string,
  aggregate: EvalAggregate,
  description: string,
  recommendation: Recommendation | null,
  counts?: HttpCounts,
): Promise<void> {
  const w = writer(path);
  w.write(`{"description":${JSON.stringify(description)},"results":[`);
  let first = true;
  for await (const r of resultLines(jsonl)) {
    w.write(first ? "\n" : ",\n");
    w.write(JSON.stringify(r));
    first = false;
  }
  w.write(`\n],"stats":${JSON.stringify({ ...aggregate.stats, ...counts })}`);
  w.write(`,"providers":${JSON.stringify(aggregate.providers())}`);
  w.write(`,"repeatMetrics":${JSON.stringify(aggregate.repeats())}`);
  if (recommendation) w.write(`,"recommendation":${JSON.stringify(recommendation)}`);
  w.write("}\n");
  w.close();
}

const xml = (s: string) =>
  s
    .replace(
      /[<>&"']/g,
      (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!,
    )
    // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");

/**
 * A result's JUnit testcase name, unique in the run: test number, description, provider, the
 * prompt when the suite has several, the repeat when the test has several.
 *
 * @example junitName(result, 3, true) // → "#2 refund · openai:chat:gpt-4o-mini · {{q}} · repeat 1/3"
 */
export function junitName(r: EvalResult, repeats: number, showPrompt: boolean): string {
  let name = `#${(r.testIndex ?? 0) + 1} ${r.description} · ${r.provider}`;
  if (showPrompt) name += ` · ${(r.prompt ?? "").replace(/\s+/g, " ").slice(0, 80)}`;
  if (repeats > 1) name += ` · repeat ${(r.repeat ?? 0) + 1}/${repeats}`;
  return name;
}

/**
 * Writes JUnit XML: one testsuite, one testcase per result, each with its own name.
 *
 * @example await writeJunit("results.jsonl", "junit.xml", aggregate, "my suite", { showPrompt: false })
 */
export async function writeJunit(
  jsonl: string,
  path: string,
  aggregate: EvalAggregate,
  description: string,
  options: { showPrompt?: boolean } = {},
): Promise<void> {
  const w = writer(path);
  const { passed, failed, errors } = aggregate.stats;
  w.write('<?xml version="1.0" encoding="UTF-8"?>\n');
  w.write(
    `<testsuites name="${xml(description || "genchi eval")}" tests="${passed + failed + errors}" failures="${failed}" errors="${errors}">\n`,
  );
  w.write(
    `<testsuite name="${xml(description || "genchi eval")}" tests="${passed + failed + errors}" failures="${failed}" errors="${errors}">\n`,
  );
  for await (const r of resultLines(jsonl)) {
    const name = junitName(r, aggregate.repeatsOf(r.testIndex ?? 0), options.showPrompt ?? false);
    const time = typeof r.latencyMs === "number" ? (r.latencyMs / 1000).toFixed(3) : "0";
    w.write(`  <testcase classname="${xml(r.provider)}" name="${xml(name)}" time="${time}"`);
    if (r.error !== null) w.write(`>\n    <error message="${xml(r.error)}"/>\n  </testcase>\n`);
    else if (!r.pass) {
      const reason = (r.assertions ?? [])
        .filter((a) => !a.pass)
        .map((a) => `${a.type}: ${a.reason}`)
        .join("; ");
      w.write(
        `>\n    <failure message="${xml(reason || "failed")}">${xml(r.output ?? "")}</failure>\n  </testcase>\n`,
      );
    } else w.write("/>\n");
  }
  w.write("</testsuite>\n</testsuites>\n");
  w.close();
}
