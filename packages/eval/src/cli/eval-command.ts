/**
 * `genchi eval CONFIG` (run a suite; exit 0 gates pass, 1 a gate fails, 2 bad config) and
 * `genchi eval compare A B` (flips, McNemar, deltas; exit 1 when the regression exceeds
 * `--threshold`). Progress bar and printing live here, not in the runner.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { recommendCheapest } from "@genchi/core/eval";
import { Command, InvalidArgumentError, Option } from "commander";
import { createProvider } from "../eval-provider.js";
import { formatEvalTable, table } from "../format-eval-table.js";
import { createHttpClient } from "../http-client.js";
import { evalAssertions } from "../io-assertions.js";
import { loadEvalConfig } from "../load-eval-config.js";
import { repeatsOf, runEval } from "../run-eval.js";
import { closeJavascriptSandbox, prepareJavascriptSandbox } from "../run-javascript-assertion.js";
import { writeEvalJson, writeJunit } from "../write-eval-outputs.js";
import { fetchDatasetTests } from "./dataset-tests.js";
import { EvalUploader } from "./eval-upload.js";
import { targetOf } from "./genchi-client.js";
import { atLeast, httpUrl, wholeNumber } from "./usage.js";

interface EvalFlags {
  output?: string;
  junit?: string;
  maxConcurrency?: number;
  repeat?: number;
  cache: boolean;
  cacheDir: string;
  failUnder?: number;
  tolerance: number;
  resume?: boolean;
  results?: string;
  progress: boolean;
  url?: string;
  key?: string;
}

/**
 * A rate as a fraction: `0.9`, `90%` or `90` all mean 0.9.
 *
 * @example parseRate("95%") // → 0.95
 */
export function parseRate(value: string): number {
  const n = Number(value.replace(/%$/, ""));
  if (value.trim() === "" || !Number.isFinite(n) || n < 0 || n > 100)
    throw new InvalidArgumentError(`Expected a rate like 0.95 or 95%, got "${value}".`);
  return value.endsWith("%") || n > 1 ? n / 100 : n;
}

async function runCommand(config: string, flags: EvalFlags): Promise<number> {
  const { maxConcurrency: concurrency, repeat, tolerance } = flags;
  const failUnder = flags.failUnder ?? 1;
  const target = targetOf(flags);
  // the whole config is checked (assertion types included) before any provider call
  const suite = loadEvalConfig(config, {
    datasets: await fetchDatasetTests(config, target),
    assertionTypes: evalAssertions({ http: createHttpClient() }),
  });
  const env = { ...process.env, ...suite.env };
  const cache = flags.cache && suite.cache !== false;
  const http = createHttpClient({ cacheDir: cache ? flags.cacheDir : undefined });
  const providers = suite.providers.map((p) => createProvider(p, http, env));
  prepareJavascriptSandbox(suite, repeat);
  const registry = evalAssertions({ http, env });
  const resultsFile =
    flags.results ?? join(".genchi", "eval", `${basename(config, extname(config))}.results.jsonl`);
  mkdirSync(dirname(resultsFile), { recursive: true });
  // Ctrl-C: the stored run is marked failed (`--resume` later stores a complete one). The
  // handler is in place before the run is created, so no Ctrl-C can leave it "running".
  let starting: Promise<EvalUploader | null> = Promise.resolve(null);
  const interrupted = () => void starting.then((u) => u?.abandon()).finally(() => process.exit(130));
  if (target) process.once("SIGINT", interrupted);
  starting = target
    ? EvalUploader.start({
        target,
        run: {
          description: suite.description,
          configName: basename(config),
          providers: suite.providers.map((p) => p.label),
          total:
            suite.tests.reduce((n, t) => n + repeatsOf(t, suite, repeat), 0) *
            suite.prompts.length *
            suite.providers.length,
        },
      })
    : Promise.resolve(null);
  const upload = await starting;
  if (upload && flags.resume === true) upload.addFromFile(resultsFile);
  const { SingleBar } =
    flags.progress && suite.showProgressBar !== false && process.stderr.isTTY
      ? await import("cli-progress")
      : { SingleBar: null };
  const bar = SingleBar
    ? new SingleBar({
        stream: process.stderr,
        format: "eval [{bar}] {value}/{total} {eta}s left",
        hideCursor: true,
      })
    : null;
  const summary = await runEval({
    suite,
    providers,
    registry,
    resultsFile,
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(repeat !== undefined ? { repeat } : {}),
    resume: flags.resume === true,
    onResult: upload ? (r) => upload.add(r) : undefined,
    onProgress: bar
      ? (done, total) => {
          if (done === 0 || bar.getTotal() !== total) bar.start(total, done);
          else bar.update(done);
        }
      : undefined,
  })
    .catch(async (error: unknown) => {
      await upload?.finish({ status: "failed" });
      throw error;
    })
    .finally(() => {
      process.off("SIGINT", interrupted);
      bar?.stop();
      closeJavascriptSandbox();
    });
  const { aggregate } = summary;
  const recommendation =
    suite.providers.length > 1 ? recommendCheapest(aggregate.providers(), tolerance) : null;
  const counts = http.counts();
  // promptfoo's `outputPath` stands in for --output
  for (const output of flags.output !== undefined ? [flags.output] : (suite.outputPaths ?? []))
    await writeEvalJson(resultsFile, output, aggregate, suite.description, recommendation, counts);
  if (flags.junit)
    await writeJunit(resultsFile, flags.junit, aggregate, suite.description, {
      showPrompt: suite.prompts.length > 1,
    });
  process.stdout.write(
    formatEvalTable(aggregate, recommendation, {
      counts,
      assertsOf: (i) => suite.tests[i]?.assert,
      resultsFile,
      showPrompt: suite.prompts.length > 1,
    }),
  );
  const runUrl = await upload?.finish({
    providerTable: aggregate.providers(),
    repeatMetrics: aggregate.repeats().slice(0, 10_000),
    recommendation,
  });
  if (runUrl) process.stdout.write(`stored in genchi: ${runUrl}\n`);
  const { passed, failed, errors } = aggregate.stats;
  const rate = passed / Math.max(1, passed + failed + errors);
  if (rate + 1e-12 < failUnder) {
    process.stdout.write(
      `gate failed: pass rate ${(rate * 100).toFixed(1)}% is under ${(failUnder * 100).toFixed(1)}%\n`,
    );
    return 1;
  }
  return 0;
}

interface CompareFlags {
  threshold: number;
  output?: string;
  url?: string;
  key?: string;
}

/** `--url`/`--key` (or GENCHI_URL/GENCHI_KEY): the genchi server that stores runs and datasets. */
function withServerOptions(command: Command): Command {
  for (const option of [
    new Option(
      "--url <url>",
      "a running genchi: store the run there, read genchi:// datasets and stored runs",
    )
      .env("GENCHI_URL")
      .argParser(httpUrl),
    new Option("--key <key>", "the project key for --url").env("GENCHI_KEY"),
  ])
    command.addOption(option);
  return command;
}

function compareCommand(): Command {
  const compare = new Command("compare")
    .description(
      "compare two eval result files (before, after): flips, McNemar, deltas; exit 1 on regression",
    )
    .argument("<a>", "results of the baseline run (genchi eval --output), or a run id stored in genchi")
    .argument("<b>", "results of the candidate run (file or stored run id)")
    .option("--threshold <points>", "pass-rate drop allowed, in percentage points", atLeast(0), 0)
    .option("--output <file.json>", "write the comparison as JSON")
    .action(async (a: string, b: string, _flags: CompareFlags, cmd: Command) => {
      const { compareEvalRuns } = await import("../compare-eval-runs.js");
      const { runResults } = await import("./stored-run-results.js");
      // `--output` is also an option of `eval`: read it wherever commander put it
      const flags = cmd.optsWithGlobals<CompareFlags>();
      const { threshold } = flags;
      const target = targetOf(flags);
      const c = compareEvalRuns(await runResults(a, target), await runResults(b, target), threshold);
      if (flags.output) writeFileSync(flags.output, `${JSON.stringify(c, null, 2)}\n`);
      const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
      const lines = [
        `pairs ${c.pairs}: pass rate ${pct(c.passRateA)} → ${pct(c.passRateB)} (${c.passRateDelta >= 0 ? "+" : ""}${(c.passRateDelta * 100).toFixed(1)} points)`,
        `flips: ${c.regressions.length} pass→fail, ${c.improvements.length} fail→pass (McNemar p = ${c.mcnemar.pValue.toPrecision(3)})`,
        `score Δ ${c.scoreDelta.toFixed(3)}; latency p50 Δ ${c.latencyP50Delta ?? "-"} ms; cost/1k Δ ${c.costPer1kDelta === null ? "-" : c.costPer1kDelta.toFixed(4)}`,
      ];
      for (const [k, v] of Object.entries(c.metricDeltas)) lines.push(`metric ${k} Δ ${v.toFixed(3)}`);
      if (c.regressions.length > 0) {
        lines.push("", "regressions (pass → fail):");
        lines.push(
          table([
            ["test", "provider", "after"],
            ...c.regressions
              .slice(0, 50)
              .map((f) => [
                f.description.slice(0, 60),
                f.provider,
                (f.after ?? "").slice(0, 60).replace(/\n/g, " "),
              ]),
          ]),
        );
      }
      if (c.improvements.length > 0) {
        lines.push("", "improvements (fail → pass):");
        lines.push(
          table([
            ["test", "provider"],
            ...c.improvements.slice(0, 50).map((f) => [f.description.slice(0, 60), f.provider]),
          ]),
        );
      }
      lines.push(
        "",
        c.gate === "fail" ? `gate failed: pass rate dropped more than ${threshold} points` : "gate passed",
      );
      process.stdout.write(`${lines.join("\n")}\n`);
      process.exitCode = c.gate === "fail" ? 1 : 0;
    });
  return withServerOptions(compare);
}

export function evalCommand(): Command {
  const cmd = new Command("eval")
    .description(
      "run an eval suite (genchi YAML / promptfoo config subset); `compare A B` compares two runs. With GENCHI_URL and GENCHI_KEY set, the run is stored in genchi",
    )
    .argument("<config>", "the eval YAML file")
    .enablePositionalOptions()
    .option("--output <file.json>", "write results as JSON")
    .option("--junit <file.xml>", "write results as JUnit XML")
    .option("--max-concurrency <n>", "requests in flight at once", wholeNumber(1))
    .option("--repeat <n>", "run every test N times (nondeterminism metrics)", wholeNumber(1))
    .option("--no-cache", "do not read or write the response cache")
    .addOption(
      new Option("--cache-dir <dir>", "response cache folder").default(join(".genchi", "cache", "eval")),
    )
    .option(
      "--fail-under <rate>",
      "exit 1 when the pass rate is under this (0.95 or 95%); default: every test must pass",
      parseRate,
    )
    .option(
      "--tolerance <points>",
      "recommend the cheapest provider within this many points of the best pass rate",
      atLeast(0),
      5,
    )
    .option("--resume", "keep the results of an interrupted run (in --results) and run the rest")
    .option("--results <file.jsonl>", "where results stream to (default .genchi/eval/<config>.results.jsonl)")
    .option("--no-progress", "no progress bar")
    .action(async (config: string, flags: EvalFlags) => {
      process.exitCode = await runCommand(config, flags);
    });
  withServerOptions(cmd).addCommand(compareCommand());
  return cmd;
}
