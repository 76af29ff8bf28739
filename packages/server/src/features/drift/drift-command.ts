/**
 * `genchi drift --baseline A.jsonl --current B.jsonl [--output F.json]`: the dev-vs-prod skew
 * report. Both files are read and checked before any work (a bad line → exit 2, nothing
 * written); the JSON output is written to a temp file and renamed into place.
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { wholeNumber } from "@genchi/eval/usage";
import { Command, Option } from "commander";

interface DriftFlags {
  baseline: string;
  current: string;
  output?: string;
  semantic: boolean;
  embeddingsUrl?: string;
  embeddingsModel: string;
  sample: number;
  seed: number;
  cache: boolean;
  cacheDir: string;
  progress: boolean;
}

async function runCommand(flags: DriftFlags): Promise<void> {
  const { sample, seed } = flags;
  const { readDriftFile } = await import("./read-drift-file.js");
  const baseline = readDriftFile(flags.baseline);
  const current = readDriftFile(flags.current);
  const { runDrift } = await import("./run-drift.js");
  const { formatDriftReport } = await import("./format-drift-report.js");
  let embedder: import("./embedders/embedder.js").Embedder | undefined;
  if (flags.semantic) {
    const inner = flags.embeddingsUrl
      ? (await import("./embedders/openai-embedder.js")).openAiEmbedder({
          baseUrl: flags.embeddingsUrl,
          model: flags.embeddingsModel,
          ...(process.env.GENCHI_EMBEDDINGS_KEY || process.env.OPENAI_API_KEY
            ? { apiKey: (process.env.GENCHI_EMBEDDINGS_KEY || process.env.OPENAI_API_KEY) as string }
            : {}),
        })
      : (await import("./embedders/energetic-embedder.js")).energeticEmbedder();
    embedder = flags.cache
      ? (await import("./embedders/cached-embedder.js")).cachedEmbedder(inner, flags.cacheDir)
      : inner;
  }
  const { SingleBar } =
    flags.progress && process.stderr.isTTY ? await import("cli-progress") : { SingleBar: null };
  const bar = SingleBar
    ? new SingleBar({
        stream: process.stderr,
        format: "drift {phase} [{bar}] {value}/{total}",
        hideCursor: true,
      })
    : null;
  let phase = "";
  const report = await runDrift(baseline, current, {
    embedder,
    seed,
    sample,
    onProgress: bar
      ? (p, done, total) => {
          if (p !== phase) {
            if (phase !== "") bar.stop();
            phase = p;
            bar.start(total, done, { phase: p });
          } else bar.update(done);
        }
      : undefined,
  }).finally(() => bar?.stop());
  if (flags.output) {
    mkdirSync(dirname(flags.output), { recursive: true });
    const temp = join(dirname(flags.output), `.${process.pid}.drift.tmp`);
    writeFileSync(temp, `${JSON.stringify(report, null, 2)}\n`);
    renameSync(temp, flags.output);
  }
  process.stdout.write(formatDriftReport(report));
}

export function driftCommand(): Command {
  return new Command("drift")
    .description(
      "dev-vs-prod skew report: descriptors (lengths, JSON shape, casing, typos…) and semantic topics",
    )
    .requiredOption(
      "--baseline <file.jsonl>",
      "what you test on: one call per line with `input` and `output`",
    )
    .requiredOption("--current <file.jsonl>", "what production sends, same format")
    .option("--output <file.json>", "write the DriftReport as JSON")
    .option("--no-semantic", "descriptors only: no embeddings, no clusters")
    .option("--embeddings-url <url>", "an OpenAI-compatible base URL (…/v1) instead of the offline model")
    .option("--embeddings-model <model>", "model for --embeddings-url", "text-embedding-3-small")
    .option("--sample <n>", "texts per side for semantic drift (≥ 10)", wholeNumber(10), 2000)
    .option("--seed <n>", "seed for sampling, folds and clustering", wholeNumber(0), 1)
    .option("--no-cache", "do not read or write cached embeddings")
    .addOption(
      new Option("--cache-dir <dir>", "embeddings cache folder").default(
        join(".genchi", "cache", "embeddings"),
      ),
    )
    .option("--no-progress", "no progress bar")
    .action(async (flags: DriftFlags) => {
      await runCommand(flags);
      process.exitCode = 0;
    });
}
